import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { confirmationEmail } from '../../src/modules/fulfillment/domain/order-emails.ts'
import { webhookBody } from '../../src/modules/integrations/use-cases/record-event.ts'
import { ERASED_BODY, ERASED_RECIPIENT } from '../../src/modules/notifications/index.ts'
import { ERASED_EMAIL, ERASED_TEXT, type Order } from '../../src/modules/orders/index.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { finish, placeOrder, shopper, startCustomersApp, tokenFromEmail } from './customers-app.ts'

/**
 * Erasure reaches the copies other modules keep (docs/customers.md, "Privacy"): the e-mail outbox,
 * order processing (fulfillment), return requests and carts. Checked field by field on the rows, and with
 * every personal value of the customer searched for in each whole row.
 */
const EMAIL = 'ada.lovelace@example.test'
const PASSWORD = 'correct horse battery'
const HOME = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  line2: 'Second floor',
  city: 'Marylebone',
  region: 'Westminster',
  postal_code: 'SW1Y 4JH',
  country: 'GB',
  phone: '+44 20 7946 0321',
}
// searched for in whole rows, so none may be short enough to turn up in a random id or key by
// chance ('ada' and '7946' do, in hex idempotency keys and base-32 ids)
const PERSONAL = [
  EMAIL,
  'ada.lovelace',
  'Ada Lovelace',
  'Lovelace',
  'James Square',
  'Second floor',
  'Marylebone',
  'Westminster',
  'SW1Y',
  '7946 0321',
]

type Row = Record<string, unknown>

const rows = (t: TestApp, q: ReturnType<typeof sql>) => queryRows<Row>(t.engines.db.orm, q)
const emailsOf = (t: TestApp, ids: readonly string[]) =>
  rows(
    t,
    sql`select * from notifications.emails where id in (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )}) order by id`,
  )
const noPersonalData = (row: Row, label: string) => {
  const raw = JSON.stringify(row).toLowerCase()
  for (const p of PERSONAL) expect(raw, `${label}: ${p}`).not.toContain(p.toLowerCase())
}
/** A row without the fields erasure replaces: these must not change. */
const without = (row: Row | undefined, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(row ?? {}).filter(([k]) => !keys.includes(k)))

describe.each(engineKinds())('erasure reaches e-mails, processing, returns and carts on %s', (engine) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startCustomersApp(engine)
  }, 60_000)
  afterAll(async () => {
    await t?.close()
  })

  const enqueueConfirmation = async (o: Order) => {
    const r = await t.modules.notifications.enqueue(confirmationEmail(o, { taxIncluded: true }))
    if (!r.ok) throw new Error(r.error.message)
    return r.value.email.id
  }
  const eventsOf = (orderIds: readonly string[]) =>
    rows(
      t,
      sql`select * from platform.outbox where aggregate_id in (${sql.join(
        orderIds.map((i) => sql`${i}`),
        sql`, `,
      )}) order by id`,
    )
  /** delivery bodies by event id, parsed */
  const deliveryBodies = async () =>
    new Map(
      (await rows(t, sql`select event_id, body from integrations.webhook_deliveries`)).map((r) => [
        r.event_id as string,
        JSON.parse(r.body as string) as Row,
      ]),
    )
  const review = async (o: Order) => {
    await t.engines.db.orm.execute(sql`insert into fulfillment.order_reviews (order_id, number, email, country, total, currency, placed_at, decision, reasons)
      values (${o.id}, ${o.number}, ${o.email}, ${o.shipping_address.country}, ${o.total.amount}, ${o.currency}, now(), 'allocated', '[]'::jsonb)`)
  }

  test('after erasure the outbox, order reviews and returns hold no name, e-mail, address or phone; figures stay', async () => {
    // the account, verified, with a pending password reset: account e-mails to its address
    const s = shopper(t, '203.0.113.41')
    const up = await s.signUp(EMAIL, PASSWORD, 'Ada Lovelace')
    const customerId = up.body.customer.id as string
    await s.post('/store/customers/verify-email', { token: await tokenFromEmail(t.engines.db, EMAIL, 'account_verify_email') })
    expect((await shopper(t, '203.0.113.42').post('/store/auth/password-reset', { email: EMAIL })).status).toBe(202)

    // its own order, a guest order with its address, and a stranger's order
    const own = await placeOrder(t, { email: EMAIL, customerId, shippingAddress: { ...HOME } })
    const { line2: _line2, ...noLine2 } = HOME
    const guest = await placeOrder(t, { email: EMAIL, shippingAddress: noLine2 })
    const stranger = await placeOrder(t, {
      email: 'someone.else@example.test',
      shippingAddress: { ...HOME, name: 'Someone Else', phone: '+47 1' },
    })
    for (const o of [own, guest, stranger]) await finish(t, o.id, 'shipped')
    const placed = async (id: string) => {
      const r = await t.modules.orders.getOrder(id)
      if (!r.ok) throw new Error('order missing')
      return r.value
    }
    const mailIds = [await enqueueConfirmation(await placed(own.id)), await enqueueConfirmation(await placed(guest.id))]
    const strangerMail = await enqueueConfirmation(await placed(stranger.id))
    // one confirmation already went out; the other is still queued when the erasure comes
    await t.engines.db.orm.execute(
      sql`update notifications.emails set status = 'sent', sent_at = now(), attempts = 1, next_attempt_at = null where id = ${mailIds[0]}`,
    )
    for (const o of [own, guest, stranger]) await review(await placed(o.id))

    // a return of the own order with the shopper's note, rejected with a reason naming them
    const item = (await placed(own.id)).items[0]
    if (!item) throw new Error('no item')
    const requested = await t.modules.returns.requestReturn({
      orderId: own.id,
      source: 'store',
      items: [{ itemId: item.id, quantity: 1, reason: 'Changed my mind' }],
      note: 'Ada Lovelace here, call me on +44 20 7946 0321',
    })
    if (!requested.ok) throw new Error(JSON.stringify(requested.error))
    const rejected = await t.modules.returns.rejectReturn({
      returnId: requested.value.id,
      reason: 'Sorry Ada Lovelace, outside our policy',
    })
    if (!rejected.ok) throw new Error(JSON.stringify(rejected.error))
    const strangerItem = (await placed(stranger.id)).items[0]
    const strangerReturn = await t.modules.returns.requestReturn({
      orderId: stranger.id,
      source: 'store',
      items: [{ itemId: strangerItem?.id as string, quantity: 1, reason: 'Damaged' }],
      note: 'Someone Else',
    })
    if (!strangerReturn.ok) throw new Error(JSON.stringify(strangerReturn.error))

    const accountMails = (await rows(t, sql`select id from notifications.emails where recipient = ${EMAIL} and order_id is null`)).map(
      (r) => r.id as string,
    )
    expect(accountMails.length).toBeGreaterThanOrEqual(2) // verification and reset
    const returnMails = (
      await rows(t, sql`select id from notifications.emails where order_id = ${own.id} and template = 'return_update'`)
    ).map((r) => r.id as string)
    const allMails = [...mailIds, ...accountMails, ...returnMails]
    const before = {
      emails: await emailsOf(t, allMails),
      strangerEmails: await emailsOf(t, [strangerMail]),
      reviews: await rows(t, sql`select * from fulfillment.order_reviews order by order_id`),
      returns: await rows(t, sql`select * from returns.returns order by id`),
      items: await rows(t, sql`select * from returns.items order by id`),
      steps: await rows(t, sql`select * from returns.steps order by id`),
      events: await eventsOf([own.id, guest.id, stranger.id]),
    }
    // a webhook subscriber got those events: one delivery each, the body as it was sent
    const hook = await t.modules.integrations.createWebhook({ url: 'https://hooks.example.test/crest', eventTypes: ['*'] })
    if (!hook.ok) throw new Error(hook.error.message)
    for (const e of before.events)
      await t.engines.db.orm.execute(sql`insert into integrations.webhook_deliveries (id, subscription_id, event_id, event_type, body, status, attempts, created_at, delivered_at)
        values (${`whd_${e.id}`}, ${hook.value.id}, ${e.id}, ${e.topic},
                ${webhookBody({ id: e.id as string, topic: e.topic as string, aggregateId: e.aggregate_id as string, payload: e.payload as Row, createdAt: new Date() })},
                'delivered', 1, now(), now())`)
    const bodiesBefore = await deliveryBodies()
    // the copies really held the customer's data before
    expect(JSON.stringify(before.emails)).toContain('Lovelace')
    expect(JSON.stringify(before.emails)).toContain('James Square')
    expect(before.returns.find((r) => r.id === requested.value.id)?.email).toBe(EMAIL)
    // the order events (created, placed) carried the e-mail and the customer link
    const carried = before.events.filter((e) => e.aggregate_id !== stranger.id && JSON.stringify(e.payload).includes(EMAIL))
    expect(carried.map((e) => e.topic).sort()).toEqual([
      'orders.order_created.v1',
      'orders.order_created.v1',
      'orders.order_placed.v1',
      'orders.order_placed.v1',
    ])

    // carts that remember a checkout e-mail: a guest cart with the verified address, the
    // account's own cart with another address, and a stranger's cart
    const cartWith = async (email: string, owner?: string) => {
      const c = await t.modules.cart.createCart(owner ? { customerId: owner } : {})
      if (!c.ok) throw new Error(c.error.message)
      await t.engines.db.orm.execute(sql`update cart.carts set email = ${email} where id = ${c.value.id}`)
      return c.value.id
    }
    const carts = {
      guest: await cartWith(EMAIL),
      own: await cartWith('ada.work@example.test', customerId),
      stranger: await cartWith('someone.else@example.test'),
    }

    const erased = await s.post('/store/customers/me/erasure', { password: PASSWORD })
    expect(erased.status).toBe(204)

    // ---- carts: the checkout e-mail is forgotten on the account's carts and on carts with its address
    const cartEmail = async (id: string) => (await rows(t, sql`select email from cart.carts where id = ${id}`))[0]?.email
    expect(await cartEmail(carts.guest)).toBeNull()
    expect(await cartEmail(carts.own)).toBeNull()
    expect(await cartEmail(carts.stranger)).toBe('someone.else@example.test')

    // ---- the e-mail outbox: recipient, data and bodies replaced; the rest unchanged
    const mails = await emailsOf(t, allMails)
    expect(mails).toHaveLength(allMails.length)
    for (const m of mails) {
      const was = before.emails.find((b) => b.id === m.id) as Row
      expect(m.recipient).toBe(ERASED_RECIPIENT)
      expect(m.data).toEqual({})
      expect(m.text_body).toBe(ERASED_BODY)
      expect(m.html_body).toBe(ERASED_BODY)
      expect(m.subject).toBe(was.subject)
      const wasQueued = was.status === 'queued' || was.status === 'sending'
      expect(m.status).toBe(wasQueued ? 'failed' : was.status)
      if (wasQueued) expect(m.next_attempt_at).toBeNull()
      const kept = ['recipient', 'data', 'text_body', 'html_body', 'status', 'next_attempt_at', 'last_error']
      expect(without(m, kept)).toEqual(without(was, kept))
      noPersonalData(m, `e-mail ${m.template}`)
    }
    expect(mails.find((m) => m.id === mailIds[0])?.status).toBe('sent')
    expect(mails.find((m) => m.id === mailIds[1])?.status).toBe('failed')
    // the stranger's e-mail is untouched
    expect(await emailsOf(t, [strangerMail])).toEqual(before.strangerEmails)

    // ---- order processing: the review's e-mail erased, decision and figures kept
    const reviews = await rows(t, sql`select * from fulfillment.order_reviews order by order_id`)
    for (const r of reviews) {
      const was = before.reviews.find((b) => b.order_id === r.order_id) as Row
      if (r.order_id === stranger.id) {
        expect(r).toEqual(was)
        continue
      }
      expect(r.email).toBe(ERASED_EMAIL)
      expect(without(r, ['email'])).toEqual(without(was, ['email']))
      noPersonalData(r, `review of ${r.order_id}`)
    }
    // parcels keep no personal field at all: only ids, carrier references, items and states
    const shipmentColumns = await rows(
      t,
      sql`select column_name from information_schema.columns where table_schema = 'fulfillment' and table_name in ('shipments', 'tracking_events')`,
    )
    for (const c of shipmentColumns) expect(String(c.column_name)).not.toMatch(/name|email|address|line|city|postal|phone|region/)

    // ---- returns: e-mail and free text erased; items, amounts, statuses kept
    const returns = await rows(t, sql`select * from returns.returns order by id`)
    const mine = returns.find((r) => r.id === requested.value.id) as Row
    const mineBefore = before.returns.find((r) => r.id === requested.value.id) as Row
    expect(mine.email).toBe(ERASED_EMAIL)
    expect(mine.note).toBe(ERASED_TEXT)
    expect(mine.rejection_reason).toBe(ERASED_TEXT)
    expect(without(mine, ['email', 'note', 'rejection_reason', 'updated_at'])).toEqual(
      without(mineBefore, ['email', 'note', 'rejection_reason', 'updated_at']),
    )
    noPersonalData(mine, 'return')
    expect(returns.find((r) => r.id === strangerReturn.value.id)).toEqual(before.returns.find((r) => r.id === strangerReturn.value.id))
    expect(await rows(t, sql`select * from returns.items order by id`)).toEqual(before.items)
    const steps = await rows(t, sql`select * from returns.steps order by id`)
    for (const st of steps) {
      const was = before.steps.find((b) => b.id === st.id) as Row
      if (st.return_id !== requested.value.id) {
        expect(st).toEqual(was)
        continue
      }
      expect(st.note).toBe(was.note === '' ? '' : ERASED_TEXT)
      expect(without(st, ['note'])).toEqual(without(was, ['note']))
      noPersonalData(st, `return step ${st.step}`)
    }
    // what the shopper and staff read through the returns contract carries none of it either
    const api = await t.modules.returns.getReturn(requested.value.id)
    if (!api.ok) throw new Error('return missing')
    noPersonalData(api.value as unknown as Row, 'returns API')
    expect(api.value.status).toBe('rejected')

    // ---- the event outbox: the order events' e-mail and customer link erased; the rest unchanged
    const events = await eventsOf([own.id, guest.id, stranger.id])
    expect(events.map((e) => e.id)).toEqual(before.events.map((e) => e.id))
    for (const e of events) {
      const was = before.events.find((b) => b.id === e.id) as Row
      const payload = e.payload as Row
      const wasPayload = was.payload as Row
      if (e.aggregate_id === stranger.id || !('email' in wasPayload)) {
        expect(e).toEqual(was)
        continue
      }
      expect(payload.email).toBe(ERASED_EMAIL)
      expect(payload.customer_id).toBeNull()
      expect(without(payload, ['email', 'customer_id'])).toEqual(without(wasPayload, ['email', 'customer_id']))
      expect(without(e, ['payload'])).toEqual(without(was, ['payload']))
      noPersonalData(e, `event ${e.topic}`)
    }

    // ---- webhook deliveries: the same fields erased in the bodies kept; the stranger's untouched
    const bodies = await deliveryBodies()
    for (const e of before.events) {
      const was = bodiesBefore.get(e.id as string) as Row
      const now = bodies.get(e.id as string) as Row
      const erasedHere = e.aggregate_id !== stranger.id && 'email' in (e.payload as Row)
      if (!erasedHere) {
        expect(now).toEqual(was)
        continue
      }
      const data = now.data as Row
      expect([data.email, data.customer_id]).toEqual([ERASED_EMAIL, null])
      expect(without(data, ['email', 'customer_id'])).toEqual(without(was.data as Row, ['email', 'customer_id']))
      expect(without(now, ['data'])).toEqual(without(was, ['data']))
      noPersonalData(now, `webhook body ${e.topic}`)
    }

    // the privacy log counts the orders, and a second erasure attempt finds nothing left
    const log = await rows(t, sql`select details from customers.privacy_log where customer_id = ${customerId} and action = 'erasure'`)
    expect(log[0]?.details).toEqual({ addresses: 0, orders: 2 })
  })

  test("an unverified account's erasure removes its own account e-mails but not others' e-mails to that address", async () => {
    const victim = 'victim.two@example.test'
    const theirs = await placeOrder(t, { email: victim, shippingAddress: { ...HOME, name: 'Victim Two' } })
    await finish(t, theirs.id, 'shipped')
    const got = await t.modules.orders.getOrder(theirs.id)
    if (!got.ok) throw new Error('order missing')
    const theirMail = await enqueueConfirmation(got.value)
    const s = shopper(t, '203.0.113.43')
    await s.signUp(victim) // someone else's address, never verified: a verification e-mail goes there
    const verification = (
      await rows(t, sql`select id from notifications.emails where recipient = ${victim} and template = 'account_verify_email'`)
    ).map((r) => r.id as string)
    expect(verification).toHaveLength(1)
    const before = await emailsOf(t, [theirMail])
    expect((await s.post('/store/customers/me/erasure', { password: PASSWORD })).status).toBe(204)
    expect(await emailsOf(t, [theirMail])).toEqual(before)
    const [mail] = await emailsOf(t, verification)
    expect(mail?.recipient).toBe(ERASED_RECIPIENT)
    expect(mail?.text_body).toBe(ERASED_BODY)
  })
})
