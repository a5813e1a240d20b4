import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { address, cartWith, firstVariant, post, stockExactly } from '../checkout/shop.ts'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { startCustomersApp } from './customers-app.ts'

/** Signs up over real HTTP and answers the session cookie. */
const signUp = async (t: TestApp, email: string): Promise<string> => {
  const r = await fetch(`${t.url}/store/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  })
  expect(r.status).toBe(201)
  return (r.headers.get('set-cookie') ?? '').split(';')[0] as string
}

describe.each(engineKinds())('a checkout while signed in, on %s', (engine) => {
  let t: TestApp
  let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
  let variantId: string
  beforeAll(async () => {
    sandbox = await startSandboxPayments({ port: 0 })
    t = await startCustomersApp(engine, { seedProducts: 5, listen: true, env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}` } })
    variantId = await firstVariant(t)
    await stockExactly(t, variantId, 100)
  })
  afterAll(async () => {
    await t?.close()
    await sandbox?.close()
  })

  test("belongs to the customer: in their order history, readable with their session, 404 to anyone else's", async () => {
    const mine = await signUp(t, 'buyer-one@example.test')
    const theirs = await signUp(t, 'buyer-two@example.test')
    const c = await cartWith(t, variantId)
    const placed = await post(
      `${t.url}/store/carts/${c.cartId}/checkout`,
      {
        email: 'buyer-one@example.test',
        shipping_address: address,
        shipping_option_id: c.shippingOptionId,
        payment: { provider: 'sandbox', token: 'tok_ok' },
      },
      { cookie: mine },
    )
    expect(placed.status).toBe(201)
    const orderId = placed.body.order.id as string
    const me = await (await fetch(`${t.url}/store/customers/me`, { headers: { cookie: mine } })).json()
    expect(placed.body.order.customer_id).toBe(me.customer.id)

    const history = await (await fetch(`${t.url}/store/customers/me/orders`, { headers: { cookie: mine } })).json()
    expect(history.orders.map((o: { id: string }) => o.id)).toEqual([orderId])
    expect((await fetch(`${t.url}/store/orders/${orderId}`, { headers: { cookie: mine } })).status).toBe(200)
    expect((await fetch(`${t.url}/store/orders/${orderId}`, { headers: { cookie: theirs } })).status).toBe(404)
    expect((await fetch(`${t.url}/store/orders/${orderId}`)).status).toBe(404)
    const other = await (await fetch(`${t.url}/store/customers/me/orders`, { headers: { cookie: theirs } })).json()
    expect(other.orders).toEqual([])
  })
})
