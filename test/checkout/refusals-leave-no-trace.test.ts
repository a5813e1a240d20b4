import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import type { SandboxPayments } from '../../src/sandbox/payments/index.ts'
import { configureSandbox as configure } from '../payments/support.ts'
import { staffToken, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { address, cartWith, checkout, firstVariant, ledgerOf, post, shopWithSandbox, stockExactly, stockOf } from './shop.ts'

/**
 * Refusals that must leave nothing behind: a staff cancel shows an order canceled only once its
 * payment has really been undone at the gateway, and a checkout naming a payment provider no gateway
 * takes creates no order.
 */
describe.each(engineKinds())('%s: refusals leave no trace', (engine) => {
  let t: TestApp
  let sandbox: SandboxPayments
  let token: string
  let variantId: string
  let close = async () => {}
  beforeAll(async () => {
    ;({ t, sandbox, close } = await shopWithSandbox(engine, { env: { PAYMENT_RETRIES: '0', PAYMENT_BREAKER_FAILURES: '100' } }))
    token = await staffToken(t)
    variantId = await firstVariant(t)
    await stockExactly(t, variantId, 10)
  }, 120_000)
  afterAll(() => close())
  const cancel = (orderId: string) =>
    post(`${t.url}/admin/orders/${orderId}/cancel`, { note: 'test' }, { authorization: `Bearer ${token}` })
  const orderCount = async () =>
    (await queryRows<{ n: number }>(t.engines.db.orm, sql`select count(*)::int as n from orders.orders`))[0]?.n ?? 0
  const order = async (orderId: string) =>
    // biome-ignore lint/suspicious/noExplicitAny: response JSON, asserted field by field
    ((await (await fetch(`${t.url}/admin/orders/${orderId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as any).order

  /** A placed order of one unit, and the variant's stock with it. */
  const placedOrder = async () => {
    const placed = await checkout(t, await cartWith(t, variantId))
    expect(placed.status, JSON.stringify(placed.body)).toBe(201)
    return { id: placed.body.order.id as string, stockBefore: await stockOf(t, variantId) }
  }

  test('while the gateway fails, the cancel is refused with 503 and nothing changes; once it answers, the void is real', async () => {
    const { id, stockBefore } = await placedOrder()

    await configure(sandbox, { failureRate: 1 })
    const refused = await cancel(id)
    expect(refused.status, JSON.stringify(refused.body)).toBe(503)
    expect(refused.body.error.code).toBe('payment_unavailable')
    expect(await order(id)).toMatchObject({ status: 'placed', payment_status: 'authorized' })
    expect(await stockOf(t, variantId)).toEqual(stockBefore)
    expect((await ledgerOf(sandbox.url)).filter((e) => e.reference === id).map((e) => e.type)).toEqual(['authorization'])

    await configure(sandbox, { failureRate: 0 })
    const done = await cancel(id)
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    expect(done.body.order).toMatchObject({ status: 'canceled', payment_status: 'voided' })
    expect((await ledgerOf(sandbox.url)).filter((e) => e.reference === id).map((e) => e.type)).toEqual(['authorization', 'void'])
    expect(await stockOf(t, variantId)).toEqual({ on_hand: stockBefore.on_hand, reserved: stockBefore.reserved - 1 })
  })
  test('a parcel that leaves while the payment is being voided: the cancel is refused, the order keeps its stock', async () => {
    const { id, stockBefore } = await placedOrder()

    await configure(sandbox, { latencyMs: 1500 })
    const canceling = cancel(id)
    await new Promise((r) => setTimeout(r, 500)) // the void is at the gateway
    const shipped = await t.modules.orders.transition({ orderId: id, field: 'fulfillment_status', to: 'fulfilled', note: 'shipped' })
    expect(shipped.ok).toBe(true)
    const refused = await canceling
    await configure(sandbox, { latencyMs: 0 })
    expect(refused.status, JSON.stringify(refused.body)).toBe(409)
    expect(refused.body.error.code).toBe('cannot_cancel')
    expect(refused.body.error.message).toMatch(/fulfilled.*voided/)
    expect(await order(id)).toMatchObject({ status: 'placed', fulfillment_status: 'fulfilled' })
    expect(await stockOf(t, variantId), 'no units come back for goods that left').toEqual(stockBefore)
  })
  test('a checkout with a payment provider no gateway takes is refused with field details, and no order is created', async () => {
    const before = await orderCount()
    const stockBefore = await stockOf(t, variantId)
    const c = await cartWith(t, variantId)
    const r = await post(`${t.url}/store/carts/${c.cartId}/checkout`, {
      email: 'buyer@example.test',
      shipping_address: address,
      shipping_option_id: c.shippingOptionId,
      payment: { provider: 'paypal', token: 'tok_ok' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(422)
    expect(r.body.error.code).toBe('invalid_request')
    expect(JSON.stringify(r.body.error)).toContain('payment.provider')
    expect(await orderCount()).toBe(before)
    expect(await stockOf(t, variantId)).toEqual(stockBefore)
    const again = await checkout(t, c)
    expect(again.status, JSON.stringify(again.body)).toBe(201)
  })
})
