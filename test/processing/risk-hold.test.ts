import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { stockOf } from '../checkout/shop.ts'
import { engineKinds } from '../support/test-database.ts'
import {
  adminGet,
  adminPost,
  carrierLedger,
  orderOf,
  paymentLedger,
  placeOrder,
  type Shop,
  sentOf,
  startShop,
  stockAt,
  variants,
  waitFor,
  waitForOrder,
  waitForParcels,
} from './processing-fixture.ts'

/** Until the order's review is done (held, or allocated and booked). */
const processed = async (s: Shop, orderId: string) =>
  waitFor(
    'the order to be processed',
    () => orderOf(s, orderId),
    (o) => o.status === 'on_hold' || o.fulfillment_status !== 'unfulfilled' || o.payment_status === 'captured',
  )

describe.each(engineKinds())('%s: risk rules and the immediate capture policy', (engine) => {
  let s: Shop
  let variant: string
  beforeAll(async () => {
    s = await startShop(engine, { RISK_ALLOWED_COUNTRIES: 'NO,DK', RISK_MAX_ORDERS_PER_EMAIL_HOUR: '2', CAPTURE_POLICY: 'immediate' })
    ;[variant] = (await variants(s.t, 1)) as [string]
    await stockAt(s.t, variant, 'warehouse', 100)
  }, 120_000)
  afterAll(async () => {
    await s?.close()
  })

  test('an order that passes is shipped and captured at once, before it leaves the warehouse', async () => {
    const order = await placeOrder(s.t, [{ variantId: variant, quantity: 1 }], { email: 'fine@example.test' })
    await waitForParcels(s, order.id, 'the parcel', (p) => p.length === 1)
    await waitForOrder(s, order.id, 'captured', (o) => o.payment_status === 'captured')
    expect(await paymentLedger(s, order.id, 'capture')).toHaveLength(1)
    expect((await orderOf(s, order.id)).fulfillment_status).toBe('unfulfilled')
  })

  test('an order to a country outside the list is held for staff, with its reasons, and nothing is shipped or captured', async () => {
    const order = await placeOrder(s.t, [{ variantId: variant, quantity: 2 }], { email: 'far@example.test', country: 'SE' })
    const held = await waitForOrder(s, order.id, 'held', (o) => o.status === 'on_hold')
    expect(held.history.at(-1)).toMatchObject({
      field: 'status',
      from: 'placed',
      status: 'on_hold',
      note: 'Held for review before shipping',
    })
    await waitFor(
      'the confirmation e-mail',
      () => sentOf(s, order.id, 'order_confirmation'),
      (m) => m.length === 1,
    )
    const list = await adminGet(s, '/held-orders')
    const entry = list.body.held_orders.find((h: { order_id: string }) => h.order_id === order.id)
    expect(entry).toMatchObject({ number: order.number, country: 'SE', reasons: [{ code: 'country_not_allowed' }] })
    expect(await carrierLedger(s, order.id)).toEqual([])
    expect(await paymentLedger(s, order.id, 'capture')).toEqual([])
    // what the shopper sees: on hold, without the rules
    const page = await (await fetch(`${s.t.url}/orders/${order.id}?token=${encodeURIComponent(order.access_token)}`)).text()
    expect(page).toContain('on hold')
    expect(page).not.toContain('not among')
  })

  test('release: back to placed, then allocated and captured; a second release is refused', async () => {
    const order = await placeOrder(s.t, [{ variantId: variant, quantity: 1 }], { email: 'far2@example.test', country: 'SE' })
    await waitForOrder(s, order.id, 'held', (o) => o.status === 'on_hold')
    const released = await adminPost(s, `/held-orders/${order.id}/release`, { note: 'Checked with the customer' })
    expect(released.status).toBe(200)
    expect(released.body.order.status).toBe('placed')
    await waitForParcels(s, order.id, 'the parcel after release', (p) => p.length === 1)
    await waitForOrder(s, order.id, 'captured', (o) => o.payment_status === 'captured')
    const again = await adminPost(s, `/held-orders/${order.id}/release`, {})
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('order_not_held')
    const o = await orderOf(s, order.id)
    expect(o.history.filter((h) => h.field === 'status').map((h) => `${h.status}${h.note ? ` (${h.note})` : ''}`)).toEqual([
      'pending',
      'placed',
      'on_hold (Held for review before shipping)',
      'placed (Checked with the customer)',
    ])
    expect((await carrierLedger(s, order.id)).filter((e) => e.type === 'shipment')).toHaveLength(1)
    expect(await paymentLedger(s, order.id, 'capture')).toHaveLength(1)
    expect((await adminGet(s, '/held-orders')).body.held_orders.some((h: { order_id: string }) => h.order_id === order.id)).toBe(false)
  })

  test('cancel: stock back, payment voided, nothing shipped; velocity holds the third order of an e-mail in an hour', async () => {
    const email = 'quick@example.test'
    const first = await placeOrder(s.t, [{ variantId: variant, quantity: 1 }], { email })
    const second = await placeOrder(s.t, [{ variantId: variant, quantity: 1 }], { email: 'QUICK@example.test' })
    for (const o of [first, second]) await processed(s, o.id)
    const before = await stockOf(s.t, variant)
    const third = await placeOrder(s.t, [{ variantId: variant, quantity: 3 }], { email })
    await waitForOrder(s, third.id, 'held', (o) => o.status === 'on_hold')
    const entry = (await adminGet(s, '/held-orders')).body.held_orders.find((h: { order_id: string }) => h.order_id === third.id)
    expect(entry.reasons.map((r: { code: string }) => r.code)).toEqual(['email_velocity'])
    expect((await stockOf(s.t, variant)).reserved).toBe(before.reserved + 3)

    const canceled = await adminPost(s, `/held-orders/${third.id}/cancel`, { note: 'Fraud suspected' })
    expect(canceled.status).toBe(200)
    expect(canceled.body.order).toMatchObject({ status: 'canceled', payment_status: 'voided' })
    expect((await stockOf(s.t, variant)).reserved).toBe(before.reserved)
    expect(await paymentLedger(s, third.id, 'void')).toHaveLength(1)
    expect(await paymentLedger(s, third.id, 'capture')).toEqual([])
    // canceling again is a no-op; releasing a canceled order is refused
    expect((await adminPost(s, `/held-orders/${third.id}/cancel`, {})).status).toBe(200)
    expect(await paymentLedger(s, third.id, 'void')).toHaveLength(1)
    expect((await adminPost(s, `/held-orders/${third.id}/release`, {})).status).toBe(409)
    expect((await adminPost(s, '/held-orders/ord_unknown/release', {})).status).toBe(404)
    await new Promise((r) => setTimeout(r, 300))
    expect(await carrierLedger(s, third.id)).toEqual([])
  })
})
