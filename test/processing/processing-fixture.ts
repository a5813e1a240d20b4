import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scheduledJobs } from '../../src/cli/scheduled-jobs.ts'
import { DEMO_LOCATIONS } from '../../src/cli/seed.ts'
import type { Shipment } from '../../src/modules/fulfillment/index.ts'
import type { Order } from '../../src/modules/orders/index.ts'
import { type EventBus, startEventBus } from '../../src/platform/bus/start-event-bus.ts'
import { runJobs } from '../../src/platform/jobs/run-every.ts'
import { type SandboxCarrier, startSandboxCarrier } from '../../src/sandbox/carrier/index.ts'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { logger, testBusOptions, waitFor } from '../bus/bus-fixture.ts'
import { address, post } from '../checkout/shop.ts'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import type { EngineKind } from '../support/test-database.ts'

export { waitFor }

export type Shop = {
  readonly t: TestApp
  readonly carrier: SandboxCarrier
  readonly payments: SandboxPayments
  readonly mailDir: string
  readonly staff: string
  readonly close: () => Promise<void>
}

/**
 * The real app on a real database with the embedded bus and the scheduled jobs running, a real
 * sandbox carrier (parcels move only when a test advances them; webhooks signed, to the app) and a
 * real sandbox payment gateway, each on a free port; e-mails go to a file sink in a temporary folder.
 */
export const startShop = async (engine: EngineKind, env: Record<string, string> = {}): Promise<Shop> => {
  const payments = await startSandboxPayments({ port: 0 })
  const carrier = await startSandboxCarrier({ port: 0, timings: null, webhookBackoffMs: 100, webhookRetries: 6 })
  const mailDir = mkdtempSync(join(tmpdir(), 'crest-mail-'))
  const t = await startTestApp({
    engine,
    seedProducts: 5,
    env: {
      PAYMENT_GATEWAYS: `sandbox=sandbox@${payments.url}`,
      CARRIERS: `sandbox=sandbox@${carrier.url}`,
      MAIL_DIR: mailDir,
      MAIL_POLL_INTERVAL_MS: '100',
      MAIL_RETRY_BASE_MS: '100',
      CAPTURE_INTERVAL_MS: '100',
      CARRIER_POLL_INTERVAL_MS: '0',
      ...env,
    },
  })
  await post(`${carrier.url}/v1/admin/config`, { webhookUrl: `${t.url}/webhooks/carriers/sandbox` })
  const options = testBusOptions()
  const bus: EventBus = await startEventBus({ db: t.engines.db, logger, registry: t.modules.consumers, options, role: 'start' })
  const stopJobs = runJobs(scheduledJobs(t.modules, t.engines.db, options, t.config), logger)
  const staff = await staffToken(t)
  return {
    t,
    carrier,
    payments,
    mailDir,
    staff,
    close: async () => {
      await bus.stop()
      await stopJobs()
      await t.close()
      await carrier.close()
      await payments.close()
      rmSync(mailDir, { recursive: true, force: true })
    },
  }
}

/** Puts `units` of the variant in one location and none in the other. */
export const stockAt = async (t: TestApp, variantId: string, at: 'warehouse' | 'store', units: number) => {
  for (const [name, l] of Object.entries(DEMO_LOCATIONS)) {
    const r = await t.modules.inventory.setOnHand({ variantId, onHand: name === at ? units : 0, locationId: l.id })
    if (!r.ok) throw new Error(r.error.message)
  }
}

export const variants = async (t: TestApp, n: number): Promise<string[]> => {
  const page = await t.modules.catalog.listProducts({ limit: 50, currency: 'EUR' })
  if (!page.ok) throw new Error('no catalog')
  return page.value.products
    .filter((p) => p.variants.every((v) => v.price))
    .slice(0, n)
    .map((p) => p.variants[0]?.id as string)
}

/** Places an order through the store API (cart, items, shipping option, checkout); the order with its access token. */
export const placeOrder = async (
  t: TestApp,
  lines: readonly { variantId: string; quantity: number }[],
  o: { email?: string; country?: string } = {},
): Promise<Order & { access_token: string }> => {
  const country = o.country ?? 'NO'
  const cart = (await post(`${t.url}/store/carts`, {})).body.cart
  for (const l of lines) {
    const added = await post(`${t.url}/store/carts/${cart.id}/items`, { variant_id: l.variantId, quantity: l.quantity })
    if (added.status !== 200) throw new Error(`add item: ${added.status} ${JSON.stringify(added.body)}`)
  }
  const options = await (await fetch(`${t.url}/store/carts/${cart.id}/shipping-options?country=${country}`)).json()
  const r = await post(`${t.url}/store/carts/${cart.id}/checkout`, {
    email: o.email ?? 'buyer@example.test',
    shipping_address: { ...address, country },
    shipping_option_id: options.shipping_options[0].id,
    payment: { provider: 'sandbox', token: 'tok_ok' },
  })
  if (r.status !== 201) throw new Error(`checkout: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.order
}

type CarrierEntry = { type: string; shipment_id: string; reference: string; idempotency_key: string }
type PaymentEntry = { type: string; reference: string; amount: number }

export const carrierLedger = async (s: Shop, orderId: string): Promise<CarrierEntry[]> =>
  ((await (await fetch(`${s.carrier.url}/v1/ledger?reference=${orderId}`)).json()) as { entries: CarrierEntry[] }).entries

export const paymentLedger = async (s: Shop, orderId: string, type?: string): Promise<PaymentEntry[]> =>
  ((await (await fetch(`${s.payments.url}/v1/ledger`)).json()) as { entries: PaymentEntry[] }).entries.filter(
    (e) => e.reference === orderId && (type === undefined || e.type === type),
  )

export const adminGet = async (s: Shop, path: string) => {
  const r = await fetch(`${s.t.url}/admin${path}`, { headers: { authorization: `Bearer ${s.staff}` } })
  // biome-ignore lint/suspicious/noExplicitAny: response JSON, asserted field by field in tests
  return { status: r.status, body: (await r.json()) as any }
}

export const adminPost = (s: Shop, path: string, body: unknown = {}) =>
  post(`${s.t.url}/admin${path}`, body, { authorization: `Bearer ${s.staff}` })

export const shipmentsOf = async (s: Shop, orderId: string): Promise<Shipment[]> =>
  (await adminGet(s, `/orders/${orderId}/shipments`)).body.shipments

export const orderOf = async (s: Shop, orderId: string): Promise<Order> => {
  const r = await s.t.modules.orders.getOrder(orderId)
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** Moves a parcel one step along the carrier's walk (its tracking event goes out as a signed webhook). */
export const advance = async (s: Shop, carrierShipmentId: string) => {
  const r = await post(`${s.carrier.url}/v1/admin/shipments/${carrierShipmentId}/advance`, {})
  if (r.status !== 200) throw new Error(`advance: ${r.status} ${JSON.stringify(r.body)}`)
}

/** The e-mails about an order, with whether the file sink has the message. */
export const mailsOf = async (s: Shop, orderId: string) =>
  (await s.t.modules.notifications.listForOrder({ orderId })).map((m) => ({
    ...m,
    file: existsSync(join(s.mailDir, `${m.id}.eml`)) ? readFileSync(join(s.mailDir, `${m.id}.eml`), 'utf8') : null,
  }))

/** The e-mails of a template sent (in the file sink) about an order, with their plain-text part. */
export const sentOf = async (s: Shop, orderId: string, template: string) => {
  const sent = (await mailsOf(s, orderId)).filter((m) => m.template === template && m.status === 'sent' && m.file !== null)
  return Promise.all(
    sent.map(async (m) => {
      const full = await s.t.modules.notifications.getEmail(m.id)
      return { ...m, text: full.ok ? full.value.text : '' }
    }),
  )
}

export const waitForOrder = (s: Shop, orderId: string, what: string, done: (o: Order) => boolean, timeoutMs = 20_000) =>
  waitFor(what, () => orderOf(s, orderId), done, timeoutMs)

export const waitForParcels = (s: Shop, orderId: string, what: string, done: (p: Shipment[]) => boolean, timeoutMs = 20_000) =>
  waitFor(what, () => shipmentsOf(s, orderId), done, timeoutMs)
