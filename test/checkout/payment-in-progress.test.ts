import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { cartWith, checkout, firstVariant, shopWithSandbox, stockExactly } from './shop.ts'

/**
 * The gateway still working on an authorisation when the checkout gives up waiting (`tok_slow`
 * answers after 2 s; the call times out at 400 ms and its retry hears "in progress"): the order
 * stays pending for reconciliation, and the 503 carries what the buyer needs to follow it.
 */
describe.each(engineKinds())('%s: a payment still in progress at the gateway', (engine) => {
  let t: TestApp
  let close = async () => {}
  beforeAll(async () => {
    ;({ t, close } = await shopWithSandbox(engine, { env: { PAYMENT_TIMEOUT_MS: '400', PAYMENT_RETRIES: '1' } }))
  }, 120_000)
  afterAll(() => close())

  test('answers 503 with the order id and its access token, and the order can be followed with them', async () => {
    const variantId = await firstVariant(t)
    await stockExactly(t, variantId, 5)
    const r = await checkout(t, await cartWith(t, variantId), 'tok_slow')
    expect(r.status, JSON.stringify(r.body)).toBe(503)
    expect(r.body.error.code).toBe('payment_unavailable')
    const { order_id: orderId, access_token: token } = r.body.error.details ?? {}
    expect(typeof orderId).toBe('string')
    expect(typeof token).toBe('string')
    const followed = await fetch(`${t.url}/store/orders/${orderId}`, { headers: { 'x-order-token': token } })
    expect(followed.status).toBe(200)
    expect(((await followed.json()) as { order: { status: string } }).order.status).toBe('pending')
  })
  test('in the storefront, the shopper is taken to the pending order instead of back to the form', async () => {
    const variantId = await firstVariant(t, 1)
    await stockExactly(t, variantId, 5)
    const form = (body: Record<string, string>, cookie = '') =>
      fetch(`${t.url}${body.path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams(Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'path'))).toString(),
      })
    const added = await form({ path: '/cart/items', variant_id: variantId, quantity: '1' })
    const cookie =
      added.headers
        .getSetCookie()
        .find((c) => c.startsWith('crest_cart='))
        ?.split(';')[0] ?? ''
    expect(added.status, cookie).toBe(303)
    expect(cookie).toMatch(/^crest_cart=/)
    const page = await (await fetch(`${t.url}/checkout?country=NO`, { headers: { cookie } })).text()
    const shipping = /name="shipping_option_id" value="([^"]+)"/.exec(page)?.[1] ?? ''
    const placed = await form(
      {
        path: '/checkout',
        email: 'ada@example.test',
        name: 'Ada',
        line1: 'Storgata 1',
        city: 'Oslo',
        postal_code: '0155',
        country: 'NO',
        shipping_option_id: shipping,
        payment_token: 'tok_slow',
        action: 'place',
      },
      cookie,
    )
    expect(placed.status).toBe(303)
    const location = placed.headers.get('location') ?? ''
    expect(location).toMatch(/^\/orders\/ord_[^?]+\?token=/)
    const order = await fetch(`${t.url}${location}`)
    expect(order.status).toBe(200)
    expect(await order.text()).toMatch(/[Pp]ending/)
  })
})
