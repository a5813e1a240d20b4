// The cart, checkout and order pages on the real modules (embedded database, sandbox gateway), through a
// storefront plugin registered with cart, checkout and orders, driven with plain form posts as a browser without JavaScript would.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startTestApp, type TestApp } from '../../../test/support/start-app.ts'
import type { Product } from '../../modules/catalog/index.ts'
import { sandboxLedger } from '../../../test/payments/support.ts'
import { runOnce } from '../../platform/db/run-once.ts'
import { createServer } from '../../platform/http/create-server.ts'
import { createLogger } from '../../platform/logging/create-logger.ts'
import { type SandboxPayments, startSandboxPayments } from '../../sandbox/payments/index.ts'
import { storefrontRoutes } from './index.ts'

let sandbox: SandboxPayments
let t: TestApp
let web: FastifyInstance
let product: Product

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const post = (url: string, body: Record<string, string>, cookie = '', headers: Record<string, string> = {}) =>
  web.inject({ method: 'POST', url, headers: { ...FORM, cookie, ...headers }, payload: new URLSearchParams(body).toString() })
const get = (url: string, cookie = '') => web.inject({ method: 'GET', url, headers: { cookie } })
const cookieOf = (setCookie: string | string[] | undefined, name: string): string | undefined =>
  [setCookie ?? []].flat().find((c) => c.startsWith(`${name}=`))

beforeAll(async () => {
  sandbox = await startSandboxPayments({ port: 0 })
  t = await startTestApp({ seedProducts: 12, listen: false, env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}` } })
  web = createServer(createLogger('silent'))
  const m = t.modules
  await web.register(
    storefrontRoutes({
      catalog: m.catalog,
      cache: t.engines.cache.cache,
      policy: { sMaxAge: 60, staleWhileRevalidate: 300 },
      config: t.config,
      cart: m.cart,
      checkout: m.checkout,
      orders: m.orders,
      once: runOnce(t.engines.db),
    }),
  )
  await web.ready()
  const list = await m.catalog.listProducts({ sort: 'newest', currency: t.config.DEFAULT_CURRENCY, limit: 50 })
  if (!list.ok) throw new Error(list.error.message)
  const found = list.value.products.find((p) => p.variants.some((v) => v.available >= 5 && v.price))
  if (!found) throw new Error('no product in stock')
  product = found
}, 120_000)

afterAll(async () => {
  await web?.close()
  await t?.close()
  await sandbox?.close()
})

const buyable = () => {
  const v = product.variants.find((x) => x.available >= 5 && x.price)
  if (!v) throw new Error('no variant')
  return v
}

test('the product page (shared, cached) has a POST add-to-cart form and no per-shopper data; the header links to the cart', async () => {
  const v = buyable()
  const page = await get(`/p/${product.handle}?variant=${v.id}`, 'crest_cart=cart_someone')
  expect(page.statusCode).toBe(200)
  expect(page.headers['cache-control']).toContain('s-maxage')
  expect(page.body).toMatch(/<form class="cart" method="post" action="\/cart\/items"/)
  expect(page.body).toContain(`name="variant_id" value="${v.id}"`)
  expect(page.body).toContain('<label for="add-qty">Quantity</label>')
  expect(page.body).toContain('<a class="cart-link" href="/cart">Cart</a>')
  expect(page.body).not.toContain('cart_someone')
  expect(page.headers['set-cookie']).toBeUndefined()
})

test('add → cart → update → discount error → checkout errors → declined → placed → order page; cart cookie cleared', async () => {
  const v = buyable()
  const added = await post('/cart/items', { variant_id: v.id, quantity: '2' })
  expect(added.statusCode).toBe(303)
  expect(added.headers.location).toBe('/cart')
  const set = cookieOf(added.headers['set-cookie'], 'crest_cart')
  expect(set).toMatch(/^crest_cart=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax$/) // NODE_ENV=test: not Secure
  const cookie = String(set).split(';')[0] ?? ''

  const cart = await get('/cart', cookie)
  expect(cart.statusCode).toBe(200)
  expect(cart.headers['cache-control']).toBe('private, no-store')
  expect(cart.body).toContain(product.title)
  expect(cart.body).toMatch(/value="2"/)
  expect(cart.body).toContain('incl. VAT')
  expect(cart.body).toContain('href="/checkout"')
  const itemId = /action="\/cart\/items\/([^"/]+)"/.exec(cart.body)?.[1] ?? ''
  expect(itemId).not.toBe('')

  expect((await post(`/cart/items/${itemId}`, { quantity: '1' }, cookie)).statusCode).toBe(303)
  const bad = await post(`/cart/items/${itemId}`, { quantity: 'lots' }, cookie)
  expect(bad.statusCode).toBe(422)
  expect(bad.body).toContain(`aria-describedby="qty-${itemId}-error"`)
  const code = await post('/cart/discount', { code: 'NOPE-NOT-A-CODE' }, cookie)
  expect(code.statusCode).toBe(422)
  expect(code.body).toMatch(/id="discount-code-error">The code NOPE-NOT-A-CODE cannot be used/)

  // another site's form is refused
  expect((await post('/cart/items', { variant_id: v.id, quantity: '1' }, cookie, { origin: 'https://evil.example' })).statusCode).toBe(403)

  const checkout = await get('/checkout?country=SE', cookie)
  expect(checkout.statusCode).toBe(200)
  expect(checkout.headers['cache-control']).toBe('private, no-store')
  expect(checkout.body).toMatch(/<option value="SE" selected>Sweden<\/option>/)
  const shipping = /name="shipping_option_id" value="([^"]+)"/.exec(checkout.body)?.[1] ?? ''
  expect(shipping).not.toBe('')

  const address = {
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    line1: 'Storgatan 1',
    city: 'Stockholm',
    postal_code: '11122',
    country: 'SE',
  }
  const missing = await post(
    '/checkout',
    { ...address, email: 'nope', city: '', shipping_option_id: shipping, payment_token: 'tok_ok', action: 'place' },
    cookie,
  )
  expect(missing.statusCode).toBe(422)
  expect(missing.body).toMatch(/id="co-email-error">Enter an e-mail/)
  expect(missing.body).toMatch(/id="co-city-error">Enter the city/)
  expect(missing.body).toContain('value="Storgatan 1"')

  const updated = await post('/checkout', { ...address, country: 'US', action: 'shipping' }, cookie)
  expect(updated.statusCode).toBe(200)
  expect(updated.body).toContain('Shipping method to United States')

  const declined = await post(
    '/checkout',
    { ...address, shipping_option_id: shipping, payment_token: 'tok_declined', action: 'place' },
    cookie,
  )
  expect(declined.statusCode).toBe(402)
  expect(declined.body).toMatch(/id="co-payment-token-error">Your payment was declined/)
  expect(declined.body).toContain('aria-describedby="co-payment-token-error"')

  const placed = await post('/checkout', { ...address, shipping_option_id: shipping, payment_token: 'tok_ok', action: 'place' }, cookie)
  expect(placed.statusCode).toBe(303)
  const location = String(placed.headers.location)
  expect(location).toMatch(/^\/orders\/[A-Za-z0-9_-]+\?token=/)
  expect(cookieOf(placed.headers['set-cookie'], 'crest_cart')).toMatch(/^crest_cart=; Path=\/; Max-Age=0/)
  const placedCookie = String(cookieOf(placed.headers['set-cookie'], 'crest_placed')).split(';')[0] ?? ''

  const order = await get(location, placedCookie)
  expect(order.statusCode).toBe(200)
  expect(order.headers['cache-control']).toBe('private, no-store')
  expect(order.body).toContain('Thank you, your order is placed')
  expect(order.body).toContain('data-o="status">placed<')
  expect(order.body).toContain('data-o="payment">authorized<')
  expect(order.body).toContain('Storgatan 1')
  const again = await get(location)
  expect(again.body).not.toContain('Thank you')

  const id = location.split('?')[0]?.split('/').pop() ?? ''
  expect((await get(`/orders/${id}?token=wrong`)).statusCode).toBe(404)
  expect((await get(`/orders/${id}`)).statusCode).toBe(404)

  // the old cart is gone: the cart page is empty and checkout sends back to it
  expect((await get('/cart', cookie)).body).toContain('Your cart is empty')
  expect((await get('/checkout', cookie)).headers.location).toBe('/cart')
})

test('a code that stopped applying is shown on the cart with its reason, next to the code field, with a way to remove it', async () => {
  const v = buyable()
  const price = v.price?.amount ?? 0
  const promo = await t.modules.promotions.createPromotion({
    code: 'SF-TWO-OR-MORE',
    name: 'Two or more',
    kind: 'fixed',
    value: 100,
    currency: t.config.DEFAULT_CURRENCY,
    min_subtotal: 2 * price,
  })
  expect(promo.ok).toBe(true)
  const added = await post('/cart/items', { variant_id: v.id, quantity: '2' })
  const cookie = String(cookieOf(added.headers['set-cookie'], 'crest_cart')).split(';')[0] ?? ''
  expect((await post('/cart/discount', { code: 'SF-TWO-OR-MORE' }, cookie)).statusCode).toBe(303)
  const itemId = /action="\/cart\/items\/([^"/]+)"/.exec((await get('/cart', cookie)).body)?.[1] ?? ''
  expect((await post(`/cart/items/${itemId}`, { quantity: '1' }, cookie)).statusCode).toBe(303)

  const cart = await get('/cart', cookie)
  expect(cart.statusCode).toBe(200)
  expect(cart.body).toMatch(/id="discount-code-error">[^<]*at least/)
  expect(cart.body).toContain('aria-describedby="discount-code-error"')
  expect(cart.body).toContain('Remove code SF-TWO-OR-MORE')
})

test('the checkout asks for a state or province and prices its tax: California pays its sales tax, the US without one does not', async () => {
  const v = buyable()
  const added = await post('/cart/items', { variant_id: v.id, quantity: '1' })
  const cookie = String(cookieOf(added.headers['set-cookie'], 'crest_cart')).split(';')[0] ?? ''
  const us = { email: 'sam@example.com', name: 'Sam', line1: '1 Main St', city: 'Sacramento', postal_code: '95814', country: 'US' }
  const taxOf = (body: string) => /<dt>VAT[^<]*<\/dt><dd>([^<]+)<\/dd>/.exec(body)?.[1] ?? ''

  const page = await get('/checkout?country=US', cookie)
  expect(page.body).toMatch(/<label for="co-region">State or province/)
  expect(page.body).toContain('autocomplete="address-level1"')
  const noState = await post('/checkout', { ...us, action: 'shipping' }, cookie)
  const california = await post('/checkout', { ...us, region: 'ca', action: 'shipping' }, cookie)
  expect(california.body).toContain('value="CA"')
  expect(taxOf(noState.body)).toMatch(/0[.,]00/)
  expect(taxOf(california.body)).not.toBe(taxOf(noState.body))

  const bad = await post('/checkout', { ...us, region: 'C@', action: 'place', payment_token: 'tok_ok' }, cookie)
  expect(bad.statusCode).toBe(422)
  expect(bad.body).toMatch(/id="co-region-error">Enter the code of the state or province/)

  const shipping = /name="shipping_option_id" value="([^"]+)"/.exec(california.body)?.[1] ?? ''
  const placed = await post(
    '/checkout',
    { ...us, region: 'CA', shipping_option_id: shipping, payment_token: 'tok_ok', action: 'place' },
    cookie,
  )
  expect(placed.statusCode).toBe(303)
  const orderId = decodeURIComponent(/\/orders\/([^?]+)/.exec(String(placed.headers.location))?.[1] ?? '')
  const order = await t.modules.orders.getOrder(orderId)
  expect(order.ok && order.value.shipping_address).toMatchObject({ region: 'CA', country: 'US' })
  expect(order.ok && order.value.tax_total.amount).toBeGreaterThan(0)
})

test('"Place order" sent twice at once (a double-click) places one order, charges once, and takes both sendings to it', async () => {
  const v = buyable()
  const added = await post('/cart/items', { variant_id: v.id, quantity: '1' })
  const cookie = String(cookieOf(added.headers['set-cookie'], 'crest_cart')).split(';')[0] ?? ''
  const page = await get('/checkout?country=SE', cookie)
  const attempt = /name="attempt" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
  expect(attempt).toMatch(/^[A-Za-z0-9_-]{16,}$/)
  // each rendering has a key of its own: a form sent from a new rendering is a new attempt
  expect(/name="attempt" value="([^"]+)"/.exec((await get('/checkout?country=SE', cookie)).body)?.[1]).not.toBe(attempt)
  const shipping = /name="shipping_option_id" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
  const email = `double-${Date.now()}@example.com`
  const form = {
    email,
    name: 'Dee Click',
    line1: 'Storgatan 2',
    city: 'Stockholm',
    postal_code: '11122',
    country: 'SE',
    shipping_option_id: shipping,
    payment_token: 'tok_ok',
    action: 'place',
    attempt,
  }
  const [first, second] = await Promise.all([post('/checkout', form, cookie), post('/checkout', form, cookie)])
  expect([first.statusCode, second.statusCode]).toEqual([303, 303])
  expect(first.headers.location).toMatch(/^\/orders\/[A-Za-z0-9_-]+\?token=/)
  expect(second.headers.location).toBe(first.headers.location)
  // the page the browser shows (the second answer) is the order's own, with its token
  const shown = await get(String(second.headers.location))
  expect(shown.statusCode).toBe(200)
  expect(shown.body).toContain('Storgatan 2')
  // sent once more later (back button, resubmit): still the same order
  const third = await post('/checkout', form, cookie)
  expect(third.headers.location).toBe(first.headers.location)

  const orders = await t.modules.orders.listOrders({ email, limit: 10 })
  expect(orders.ok && orders.value.orders.map((o) => o.id)).toHaveLength(1)
  const orderId = decodeURIComponent(/\/orders\/([^?]+)/.exec(String(first.headers.location))?.[1] ?? '')
  expect((await sandboxLedger(sandbox, orderId)).filter((e) => e.startsWith('authorization'))).toHaveLength(1)
})
