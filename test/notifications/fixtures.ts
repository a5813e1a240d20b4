import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createNotifications,
  type EnqueueInput,
  MailSendError,
  type MailTransport,
  NOTIFICATIONS_CONFIG_DEFAULTS,
  type NotificationsApi,
  type NotificationsConfig,
  notificationsOptionsFromConfig,
  type OutgoingMail,
} from '../../src/modules/notifications/index.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { type IdPrefix, newId } from '../../src/platform/ids/new-id.ts'

/** A clock the test moves by hand. */
export const manualClock = (start = '2026-01-05T10:00:00.000Z') => {
  let t = Date.parse(start)
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms
    },
  }
}

/** `mail_…` ids, as the app will make them once 'mail' is an IdPrefix. */
export const newEmailId = () => newId('mail' as IdPrefix)

export const testOptions = (o: Partial<NotificationsConfig> = {}) =>
  notificationsOptionsFromConfig({
    ...NOTIFICATIONS_CONFIG_DEFAULTS,
    MAIL_FROM: 'Crest Test Shop <orders@shop.example>',
    MAIL_DIR: mkdtempSync(join(tmpdir(), 'crest-mail-')),
    MAIL_RETRY_BASE_MS: 1000,
    MAIL_RETRY_MAX_MS: 4000,
    MAIL_MAX_ATTEMPTS: 3,
    MAIL_LEASE_MS: 60_000,
    ...o,
    STORE_NAME: 'Crest Test Shop',
    PUBLIC_URL: 'https://shop.example',
    PORT: 3000,
    DATA_DIR: tmpdir(),
  })

type Behaviour = (m: OutgoingMail, attempt: number) => Promise<void> | void

/** A transport that records what it is given; `behave` may throw or wait. */
export const recordingTransport = (behave: Behaviour = () => {}) => {
  const sent: OutgoingMail[] = []
  const tries = new Map<string, number>()
  const transport: MailTransport = {
    describe: 'recording',
    send: async (m) => {
      const n = (tries.get(m.id) ?? 0) + 1
      tries.set(m.id, n)
      await behave(m, n)
      sent.push(m)
    },
    close: async () => {},
  }
  return { transport, sent, tries: (id: string) => tries.get(id) ?? 0 }
}

export const transientError = () => new MailSendError('451 mailbox busy')
export const permanentError = () => new MailSendError('550 no such user', { permanent: true })

export const notificationsOn = (
  db: Database,
  o: { transport?: MailTransport; clock?: { now: () => Date }; options?: ReturnType<typeof testOptions> } = {},
): NotificationsApi =>
  createNotifications(
    { db, clock: o.clock ?? { now: () => new Date() }, newId: newEmailId, random: () => 1, ...(o.transport && { transport: o.transport }) },
    o.options ?? testOptions(),
  )

export const confirmationFor = (orderId: string, to = 'shopper@example.test', customerName = 'Kari Nordmann'): EnqueueInput => ({
  key: `order_confirmation:${orderId}`,
  to,
  template: 'order_confirmation',
  data: {
    orderId,
    orderNumber: '1042',
    customerName,
    currency: 'EUR',
    items: [{ title: 'Lantern, small', quantity: 2, unitPrice: 1999, total: 3998 }],
    subtotal: 3998,
    shippingTotal: 490,
    total: 4488,
  },
})

export const shippedFor = (orderId: string, shipmentId: string): EnqueueInput => ({
  key: `order_shipped:${shipmentId}`,
  to: 'shopper@example.test',
  template: 'order_shipped',
  data: { orderId, orderNumber: '1042', carrier: 'Posten', trackingNumber: 'TRK1', trackingUrl: 'https://track.example/TRK1' },
})

export const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.value
}
