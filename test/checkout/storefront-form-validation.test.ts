import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Product } from '../../src/modules/catalog/index.ts'
import { finish, newOrder } from '../customers/customers-app.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { snapshotTables } from '../support/table-snapshot.ts'
import { engineKinds } from '../support/test-database.ts'

/**
 * The storefront's form posts (cart, discount, checkout, order look-up, return request) are read
 * through their zod schemas (src/web/storefront/forms/shop-forms.ts): a malformed post gets the
 * page back with a 4xx and the message where the shopper looks for it, never a 5xx, and writes nothing.
 */
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** The message under the input with that id, and the one above the form. */
const fieldError = (page: string, id: string) => new RegExp(`id="${id}-error">([^<]*)<`).exec(page)?.[1]
const alertText = (page: string) => /<div class="alert" role="alert"[^>]*><p>([^<]*)<\/p>/.exec(page)?.[1]

describe.each(engineKinds())('storefront form posts are validated by their schemas on %s', (engine) => {
  let t: TestApp
  let product: Product
  beforeAll(async () => {
    t = await startTestApp({ engine, seedProducts: 12, listen: false })
    const list = await t.modules.catalog.listProducts({ sort: 'newest', currency: t.config.DEFAULT_CURRENCY, limit: 50 })
    if (!list.ok) throw new Error(list.error.message)
    const found = list.value.products.find((p) => p.variants.some((v) => v.available >= 5 && v.price))
    if (!found) throw new Error('no product in stock')
    product = found
  }, 120_000)
  afterAll(async () => {
    await t?.close()
  })

  let cookie = ''
  const post = async (url: string, form: Record<string, string>) => {
    const r = await t.app.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(form).toString() })
    const set = [r.headers['set-cookie'] ?? []].flat().find((c) => String(c).startsWith('crest_cart='))
    if (set) cookie = String(set).split(';')[0] ?? ''
    return r
  }
  const postJson = (url: string, body: unknown) =>
    t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', cookie }, payload: JSON.stringify(body) })

  /** carts, orders, returns and the e-mail outbox: what these forms could write */
  const data = async () => {
    const all = await snapshotTables(
      async (q) => (await t.engines.db.orm.execute(sql.raw(q))) as unknown as { rows: Record<string, unknown>[] },
    )
    return [...all].filter(
      ([name]) => name.startsWith('cart.') || name.startsWith('returns.') || name === 'orders.orders' || name === 'notifications.emails',
    )
  }

  test('cart, discount and checkout: 4xx with the field message, nothing written', async () => {
    const variant = product.variants.find((v) => v.available >= 5 && v.price)
    if (!variant) throw new Error('no variant')
    const max = t.config.CART_MAX_QUANTITY

    // no cart yet: a malformed add creates none
    const before0 = await data()
    for (const [form, text] of [
      [{ variant_id: 'not an id!', quantity: '1' }, 'Please choose a product option to add.'],
      [{ variant_id: variant.id, quantity: 'many' }, `Please enter a quantity from 1 to ${max}.`],
      [{ variant_id: variant.id, quantity: '0' }, `Please enter a quantity from 1 to ${max}.`],
      [{ variant_id: variant.id, quantity: String(max + 1) }, `Please enter a quantity from 1 to ${max}.`],
      [{ variant_id: variant.id, quantity: '1.5' }, `Please enter a quantity from 1 to ${max}.`],
    ] as const) {
      const r = await post('/cart/items', form)
      expect(r.statusCode, JSON.stringify(form)).toBe(422)
      expect(alertText(r.body)).toBe(text)
    }
    const jsonAdd = await postJson('/cart/items', { variant_id: [variant.id], quantity: { n: 1 } })
    expect(jsonAdd.statusCode).toBe(422)
    expect(cookie).toBe('')
    expect(await data()).toEqual(before0)

    expect((await post('/cart/items', { variant_id: variant.id, quantity: '2' })).statusCode).toBe(303)
    const cart = await t.modules.cart.getCart(cookie.split('=')[1] as string)
    if (!cart.ok) throw new Error('no cart')
    const item = cart.value.items[0]
    if (!item) throw new Error('no line')
    const before = await data()

    const qty = await post(`/cart/items/${item.id}`, { quantity: '-1' })
    expect(qty.statusCode).toBe(422)
    expect(qty.body).toContain(`Enter a quantity from 0 to ${max} (0 removes it).`)
    const discount = await post('/cart/discount', { code: 'C'.repeat(65) })
    expect(discount.statusCode).toBe(422)
    expect(fieldError(discount.body, 'discount-code')).toBe('A discount code has at most 64 characters.')

    const checkout = await post('/checkout', {
      email: 'not-an-address',
      name: '',
      line1: 'l'.repeat(201),
      city: '',
      postal_code: '0155',
      country: 'XX',
      shipping_option_id: '',
      payment_token: 'tok_stolen',
    })
    expect(checkout.statusCode).toBe(422)
    expect(fieldError(checkout.body, 'co-email')).toBe('Enter an e-mail address like name@example.com.')
    expect(fieldError(checkout.body, 'co-name')).toBe('Enter the name of the person receiving the parcel.')
    expect(fieldError(checkout.body, 'co-line1')).toBe('At most 200 characters.')
    expect(fieldError(checkout.body, 'co-city')).toBe('Enter the city.')
    expect(fieldError(checkout.body, 'co-postal-code')).toBeUndefined()
    expect(checkout.body).toContain('Choose a country from the list.')
    expect(checkout.body).toContain('Choose a shipping method.')
    expect(checkout.body).toContain('Choose a payment method.')
    const jsonCheckout = await postJson('/checkout', { email: ['a@example.test'], name: { first: 'x' } })
    expect(jsonCheckout.statusCode).toBe(422)
    expect(fieldError(jsonCheckout.body, 'co-email')).toBeTruthy()

    expect(await data()).toEqual(before)
  })

  test('order look-up and return request: 4xx with the message, nothing written', async () => {
    const before = await data()
    const lookup = await post('/orders/lookup', { number: 'abc', email: 'nobody' })
    expect(lookup.statusCode).toBe(422)
    expect(fieldError(lookup.body, 'lk-number')).toBe('Enter the order number, e.g. 1042.')
    expect(fieldError(lookup.body, 'lk-email')).toBe('Enter an e-mail address like name@example.com.')
    const jsonLookup = await postJson('/orders/lookup', { number: [1042], email: 'a@example.test' })
    expect(jsonLookup.statusCode).toBe(422)
    expect(fieldError(jsonLookup.body, 'lk-number')).toBe('Enter the order number, e.g. 1042.')
    expect(await data()).toEqual(before)

    const { order, accessToken } = await t.engines.db.orm.transaction((tx) => t.modules.orders.createOrder(tx, newOrder()))
    await finish(t, order.id, 'shipped')
    const item = order.items[0]
    if (!item) throw new Error('no item')
    const returnsBefore = await data()
    const url = `/orders/${order.id}/returns`
    for (const form of [
      { qty: 'abc' },
      { qty: '-1' },
      { qty: '1.5' },
      { qty: '1', reason: 'Something I made up' },
      { qty: '1', reason: 'Does not fit', exchange: 'not an id!' },
    ]) {
      const r = await post(url, {
        token: accessToken,
        [`qty_${item.id}`]: form.qty,
        ...(form.reason !== undefined && { [`reason_${item.id}`]: form.reason }),
        ...(form.exchange !== undefined && { [`exchange_${item.id}`]: form.exchange }),
      })
      expect(r.statusCode, JSON.stringify(form)).toBe(422)
      expect(r.body, JSON.stringify(form)).toContain('Please check the items and reasons you chose.')
      expect(r.body).toContain(order.number) // the order page, shown again
    }
    expect((await postJson(url, { token: accessToken, [`qty_${item.id}`]: [1, 2] })).statusCode).toBe(422)
    // without the order's token it is no one's order
    expect((await post(url, { [`qty_${item.id}`]: '1' })).statusCode).toBe(404)
    expect(await data()).toEqual(returnsBefore)
    // a well-formed request still goes through
    const ok = await post(url, { token: accessToken, [`qty_${item.id}`]: '1', [`reason_${item.id}`]: 'Does not fit' })
    expect(ok.statusCode).toBe(303)
    expect(String(ok.headers.location)).toContain('return_requested=')
  })
})
