import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { post } from '../checkout/shop.ts'
import {
  adminGet,
  adminPost,
  carrierLedger,
  paymentLedger,
  type Shop,
  startShop,
  stockAt,
  variants,
} from '../processing/processing-fixture.ts'
import { engineKinds } from '../support/test-database.ts'
import { deliveredOrder, priceVariant, stockAtLocation, storeReturn, WAREHOUSE } from './returns-fixture.ts'

// Carrier and gateway outages, stock running out and a payment already refunded: each is a clear 4xx/503,
// nothing half-written, and asking again once the provider is back does the work exactly once.
describe.each(engineKinds())('%s: returns when providers fail', (engine) => {
  let s: Shop
  let a: string
  let c: string
  beforeAll(async () => {
    s = await startShop(engine, { PAYMENT_RETRIES: '1' })
    ;[a, c] = (await variants(s.t, 2)) as [string, string]
    await stockAt(s.t, a, 'warehouse', 50)
    await stockAt(s.t, c, 'warehouse', 0)
  }, 120_000)
  afterAll(async () => {
    await s?.close()
  })

  test('carrier down at approval, gateway down at receipt: retried later, one label and one refund', async () => {
    const order = await deliveredOrder(s, [{ variantId: a, quantity: 1 }])
    const ret = (await storeReturn(s, order.id, order.access_token, { items: [{ item_id: order.items[0]?.id, quantity: 1, reason: 'x' }] }))
      .body.return

    // every attempt of the label call at approval fails (the call and its two retries)
    await post(`${s.carrier.url}/v1/admin/config`, { failNext: 3 })
    const approved = await adminPost(s, `/returns/${ret.id}/approve`)
    expect(approved.body.return).toMatchObject({ status: 'approved', label: null })
    await post(`${s.carrier.url}/v1/admin/config`, { dropNextReplies: 1 }) // booked, but the answer is lost once
    const labelled = await adminPost(s, `/returns/${ret.id}/label`)
    expect(labelled.status).toBe(200)
    expect(labelled.body.return.label.tracking_number).toMatch(/^SBX/)
    expect((await carrierLedger(s, order.id)).filter((e) => e.type === 'return_label')).toHaveLength(1)

    await post(`${s.payments.url}/v1/admin/config`, { failureRate: 1 })
    const received = await adminPost(s, `/returns/${ret.id}/receive`, { items: [{ id: ret.items[0].id, condition: 'sellable' }] })
    expect(received.status).toBe(200) // the receipt stands
    expect(received.body.return).toMatchObject({ status: 'received', refund_status: 'failed' })
    const failed = await adminPost(s, `/returns/${ret.id}/refund`)
    expect([failed.status, failed.body.error.code]).toEqual([503, 'refund_failed'])
    expect(await paymentLedger(s, order.id, 'refund')).toEqual([])
    await post(`${s.payments.url}/v1/admin/config`, { failureRate: 0 })
    const refunded = await adminPost(s, `/returns/${ret.id}/refund`)
    expect(refunded.body.return).toMatchObject({ status: 'completed', refund_status: 'refunded' })
    expect(await paymentLedger(s, order.id, 'refund')).toHaveLength(1)
  }, 90_000)

  test('an exchange with no replacement stock is refused whole; with stock it goes through', async () => {
    const order = await deliveredOrder(s, [{ variantId: a, quantity: 1 }])
    const item = order.items[0]
    await priceVariant(s, c, item?.unit_price.amount as number)
    const ret = (
      await storeReturn(s, order.id, order.access_token, {
        items: [{ item_id: item?.id, quantity: 1, reason: 'Size', exchange_variant_id: c }],
      })
    ).body.return
    const none = await adminPost(s, `/returns/${ret.id}/approve`)
    expect([none.status, none.body.error.code]).toEqual([409, 'out_of_stock'])
    expect((await adminGet(s, `/returns/${ret.id}`)).body.return).toMatchObject({ status: 'requested', exchange_order_id: null })
    expect(await s.t.modules.orders.getOrderByCart(`exchange_${ret.id}`)).toBeNull()
    await stockAt(s.t, c, 'warehouse', 3)
    const ok = await adminPost(s, `/returns/${ret.id}/approve`)
    expect(ok.body.return.exchange_order_id).toMatch(/^ord_/)
    expect(await stockAtLocation(s, c, WAREHOUSE)).toEqual({ on_hand: 3, reserved: 1 })
  }, 90_000)

  test('a payment refunded elsewhere: the return says so (409 payment_not_refundable) and can be retried', async () => {
    const order = await deliveredOrder(s, [{ variantId: a, quantity: 1 }])
    const ret = (await storeReturn(s, order.id, order.access_token, { items: [{ item_id: order.items[0]?.id, quantity: 1, reason: 'x' }] }))
      .body.return
    await adminPost(s, `/returns/${ret.id}/approve`)
    const manual = await s.t.modules.payments.refund({ orderId: order.id, amount: order.total, idempotencyKey: 'goodwill' })
    expect(manual.ok).toBe(true)
    const received = await adminPost(s, `/returns/${ret.id}/receive`, { items: [{ id: ret.items[0].id, condition: 'damaged' }] })
    expect(received.body.return).toMatchObject({ status: 'received', refund_status: 'failed' })
    const again = await adminPost(s, `/returns/${ret.id}/refund`)
    expect([again.status, again.body.error.code]).toEqual([409, 'payment_not_refundable'])
    expect((await paymentLedger(s, order.id, 'refund')).map((r) => r.amount)).toEqual([order.total.amount])
    expect((await adminPost(s, '/orders/ord_nope/returns', { items: [{ item_id: 'x', quantity: 1, reason: 'x' }] })).status).toBe(404)
  }, 90_000)
})
