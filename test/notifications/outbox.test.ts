import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Database, queryRows } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/ids/new-id.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import {
  confirmationFor,
  manualClock,
  notificationsOn,
  permanentError,
  recordingTransport,
  shippedFor,
  testOptions,
  transientError,
  unwrap,
} from './fixtures.ts'

const rowsFor = (db: Database, key: string) =>
  queryRows<{ id: string; status: string; attempts: number }>(
    db.orm,
    sql`select id, status, attempts from notifications.emails where idempotency_key = ${key}`,
  )

describe.each(engineKinds())('e-mail outbox on %s', (engine) => {
  let db: Database

  beforeAll(async () => {
    db = await createTestDatabase(engine)
  })
  afterAll(() => db?.close())

  describe('enqueue', () => {
    test('renders and stores the e-mail once per key, however often it is enqueued', async () => {
      const n = notificationsOn(db, { transport: recordingTransport().transport })
      const orderId = newId('ord')
      const first = unwrap(await n.enqueue(confirmationFor(orderId, ' Shopper@Example.test ')))
      expect(first).toMatchObject({
        created: true,
        email: { status: 'queued', attempts: 0, to: 'Shopper@Example.test', order_id: orderId },
      })
      expect(first.email.subject).toBe('Your Crest Test Shop order 1042 is confirmed')
      expect(first.email.message_id).toBe(`<${first.email.id}@shop.example>`)
      const again = unwrap(await n.enqueue({ ...confirmationFor(orderId), to: 'someone.else@example.test' }))
      expect(again).toEqual({ created: false, email: first.email })
      const racing = await Promise.all([1, 2, 3].map(() => n.enqueue(confirmationFor(orderId))))
      expect(racing.map((r) => unwrap(r).email.id)).toEqual([first.email.id, first.email.id, first.email.id])
      expect(await rowsFor(db, `order_confirmation:${orderId}`)).toHaveLength(1)
      const stored = unwrap(await n.getEmail(first.email.id))
      expect(stored.html).toContain('Hi Kari Nordmann,')
      expect(stored.text).toContain('€44.88')
      expect(stored.data).toMatchObject({ orderId, total: 4488 })
    })

    test("writes in the caller's transaction: rolled back with it, and a repeated key does not abort it", async () => {
      const n = notificationsOn(db, { transport: recordingTransport().transport })
      const lost = newId('ord')
      await expect(
        db.orm.transaction(async (tx) => {
          unwrap(await n.enqueue(confirmationFor(lost), tx))
          throw new Error('the consumer failed after enqueuing')
        }),
      ).rejects.toThrow('the consumer failed')
      expect(await rowsFor(db, `order_confirmation:${lost}`)).toHaveLength(0)

      const kept = newId('ord')
      unwrap(await n.enqueue(confirmationFor(kept)))
      const inTx = await db.orm.transaction(async (tx) => {
        const r = unwrap(await n.enqueue(confirmationFor(kept), tx))
        const [after] = await queryRows<{ one: number }>(tx, sql`select 1 as one`) // the transaction is still usable
        return { created: r.created, one: after?.one }
      })
      expect(inTx).toEqual({ created: false, one: 1 })
    })

    test('refuses bad input, naming the field; an unknown id is not found', async () => {
      const n = notificationsOn(db, { transport: recordingTransport().transport })
      const good = confirmationFor(newId('ord'))
      const cases: [unknown, string][] = [
        [{ ...good, to: 'not an address' }, 'to'],
        [{ ...good, to: 'a@example.test\r\nBcc: b@example.test' }, 'to'],
        [{ ...good, key: '' }, 'key'],
        [{ ...good, key: 'x\ny' }, 'key'],
        [{ ...good, template: 'newsletter' }, 'template'],
        [{ ...good, data: { ...good.data, items: [] } }, 'data.items'],
        [
          { ...shippedFor('ord_1', 'ship_1'), data: { ...shippedFor('ord_1', 'ship_1').data, trackingUrl: 'javascript:alert(1)' } },
          'data.trackingUrl',
        ],
      ]
      for (const [input, field] of cases) {
        expect(await n.enqueue(input as typeof good)).toMatchObject({ ok: false, error: { code: 'NOTIFICATIONS_INVALID_INPUT', field } })
      }
      expect(await n.getEmail('mail_nope')).toMatchObject({ ok: false, error: { code: 'NOTIFICATIONS_NOT_FOUND' } })
    })

    test('lists the e-mails about an order, oldest first', async () => {
      const clock = manualClock()
      const n = notificationsOn(db, { transport: recordingTransport().transport, clock })
      const orderId = newId('ord')
      unwrap(await n.enqueue(confirmationFor(orderId)))
      clock.advance(1000)
      unwrap(await n.enqueue(shippedFor(orderId, newId('ship'))))
      unwrap(await n.enqueue(confirmationFor(newId('ord'))))
      expect((await n.listForOrder({ orderId })).map((e) => e.template)).toEqual(['order_confirmation', 'order_shipped'])
    })
  })

  describe('sendDue', () => {
    // each test owns the due rows: earlier tests' rows are sent (or pushed far out) first
    const drain = async () => {
      await db.orm.execute(
        sql`update notifications.emails set status = 'sent', next_attempt_at = null where status in ('queued', 'sending')`,
      )
    }

    test('sends each due e-mail once, with its Message-ID, and marks it sent', async () => {
      await drain()
      const clock = manualClock()
      const rec = recordingTransport()
      const n = notificationsOn(db, { transport: rec.transport, clock })
      const ids = []
      for (let i = 0; i < 5; i++) ids.push(unwrap(await n.enqueue(confirmationFor(newId('ord'), `buyer${i}@example.test`))).email)
      expect(await n.sendDue({ limit: 50 })).toEqual({ claimed: 5, sent: 5, retrying: 0, failed: 0 })
      expect(await n.sendDue({ limit: 50 })).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 })
      expect(rec.sent.map((m) => m.messageId).sort()).toEqual(ids.map((e) => e.message_id).sort())
      expect(rec.sent[0]?.from).toEqual({ name: 'Crest Test Shop', address: 'orders@shop.example' })
      for (const e of ids) {
        expect(unwrap(await n.getEmail(e.id))).toMatchObject({
          status: 'sent',
          attempts: 1,
          next_attempt_at: null,
          sent_at: clock.now().toISOString(),
        })
      }
    })

    test('honours the limit', async () => {
      await drain()
      const n = notificationsOn(db, { transport: recordingTransport().transport })
      for (let i = 0; i < 3; i++) unwrap(await n.enqueue(confirmationFor(newId('ord'))))
      expect((await n.sendDue({ limit: 2 })).sent).toBe(2)
      expect((await n.sendDue({ limit: 2 })).sent).toBe(1)
    })

    test('a transport failure is retried with back-off, then marked failed after the last attempt', async () => {
      await drain()
      const clock = manualClock()
      const rec = recordingTransport(() => {
        throw transientError()
      })
      const n = notificationsOn(db, { transport: rec.transport, clock }) // 3 attempts, 1 s doubling, jitter at its top
      const { id } = unwrap(await n.enqueue(confirmationFor(newId('ord')))).email
      const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString()

      expect(await n.sendDue()).toMatchObject({ claimed: 1, retrying: 1 })
      expect(unwrap(await n.getEmail(id))).toMatchObject({
        status: 'queued',
        attempts: 1,
        next_attempt_at: at(1000),
        last_error: expect.stringContaining('451'),
      })
      clock.advance(999)
      expect(await n.sendDue()).toMatchObject({ claimed: 0 })
      clock.advance(1)
      expect(await n.sendDue()).toMatchObject({ claimed: 1, retrying: 1 })
      expect(unwrap(await n.getEmail(id))).toMatchObject({ status: 'queued', attempts: 2, next_attempt_at: at(2000) })
      clock.advance(2000)
      expect(await n.sendDue()).toMatchObject({ claimed: 1, failed: 1 })
      expect(unwrap(await n.getEmail(id))).toMatchObject({ status: 'failed', attempts: 3, next_attempt_at: null, sent_at: null })
      clock.advance(86_400_000)
      expect(await n.sendDue()).toMatchObject({ claimed: 0 })
      expect(rec.tries(id)).toBe(3)
    })

    test('a failure that passes is sent on the next attempt', async () => {
      await drain()
      const clock = manualClock()
      const rec = recordingTransport((_m, attempt) => {
        if (attempt === 1) throw transientError()
      })
      const n = notificationsOn(db, { transport: rec.transport, clock })
      const { id } = unwrap(await n.enqueue(confirmationFor(newId('ord')))).email
      await n.sendDue()
      clock.advance(1000)
      expect(await n.sendDue()).toMatchObject({ sent: 1 })
      expect(unwrap(await n.getEmail(id))).toMatchObject({ status: 'sent', attempts: 2, last_error: null })
      expect(rec.sent).toHaveLength(1)
    })

    test('a permanent refusal is marked failed at once', async () => {
      await drain()
      const rec = recordingTransport(() => {
        throw permanentError()
      })
      const n = notificationsOn(db, { transport: rec.transport })
      const { id } = unwrap(await n.enqueue(confirmationFor(newId('ord')))).email
      expect(await n.sendDue()).toMatchObject({ claimed: 1, failed: 1 })
      expect(unwrap(await n.getEmail(id))).toMatchObject({ status: 'failed', attempts: 1, last_error: '550 no such user' })
    })

    test('a sending row whose lease ended (its sender hung or died) is sent again with the same Message-ID', async () => {
      await drain()
      const clock = manualClock()
      let release: (outcome: 'ok' | 'fail') => void = () => {}
      let started: () => void = () => {}
      const hanging = new Promise<void>((r) => (started = r))
      const stuck = recordingTransport(async () => {
        started()
        const outcome = await new Promise<'ok' | 'fail'>((r) => (release = r))
        if (outcome === 'fail') throw transientError()
      })
      const healthy = recordingTransport()
      const a = notificationsOn(db, { transport: stuck.transport, clock })
      const b = notificationsOn(db, { transport: healthy.transport, clock })
      const { id, message_id } = unwrap(await a.enqueue(confirmationFor(newId('ord')))).email

      const aRun = a.sendDue()
      await hanging
      expect(unwrap(await a.getEmail(id))).toMatchObject({
        status: 'sending',
        attempts: 1,
        next_attempt_at: new Date(clock.now().getTime() + 60_000).toISOString(),
      })
      expect(await b.sendDue()).toMatchObject({ claimed: 0 }) // the lease holds
      clock.advance(60_000)
      expect(await b.sendDue()).toMatchObject({ claimed: 1, sent: 1 })
      expect(healthy.sent.map((m) => m.messageId)).toEqual([message_id])

      release('fail') // the first sender comes back with a failure: it no longer holds the claim
      expect(await aRun).toMatchObject({ claimed: 1, retrying: 1 })
      expect(unwrap(await a.getEmail(id))).toMatchObject({ status: 'sent', attempts: 2 })
    })

    test('a lease that ends on the last attempt marks the e-mail failed instead of sending it again', async () => {
      await drain()
      const clock = manualClock()
      const options = testOptions({ MAIL_MAX_ATTEMPTS: 1 })
      const n = notificationsOn(db, { transport: recordingTransport().transport, clock, options })
      const { id } = unwrap(await n.enqueue(confirmationFor(newId('ord')))).email
      // as if a sender claimed it and died
      await db.orm.execute(
        sql`update notifications.emails set status = 'sending', attempts = 1, next_attempt_at = ${clock.now().toISOString()}::timestamptz where id = ${id}`,
      )
      clock.advance(1)
      expect(await n.sendDue()).toMatchObject({ claimed: 1, failed: 1, sent: 0 })
      expect(unwrap(await n.getEmail(id))).toMatchObject({
        status: 'failed',
        last_error: expect.stringContaining('may or may not have been delivered'),
      })
    })
  })
})
