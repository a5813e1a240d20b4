import { expect, test } from 'vitest'
import { renderTemplate } from './templates.ts'

const brand = { storeName: 'Crest & Co', baseUrl: 'https://shop.example/', locale: 'en-IE' }
const data = {
  cartId: 'cart_1',
  customerName: '<script>x</script>',
  cartPath: '/cart/return/cart_1',
  items: [{ title: 'Lantern <b>small</b>', quantity: 2 }],
  subtotal: 3998,
  currency: 'EUR',
}

test('the reminder links back to the cart on the store, escapes what it prints and shows the subtotal', () => {
  const r = renderTemplate('cart_reminder', data, brand)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  const m = r.value.rendered
  expect(m.subject).toBe('You left something in your cart at Crest & Co')
  expect(m.html).toContain('href="https://shop.example/cart/return/cart_1"')
  expect(m.text).toContain('Return to your cart: https://shop.example/cart/return/cart_1')
  expect(m.html).not.toMatch(/<script|<b>small/)
  expect(m.text).toContain('- 2 × Lantern <b>small</b>')
  expect(m.text).toContain('€39.98')
})

test.each([
  ['another site', '//evil.example/cart/return/cart_1'],
  ['a page other than the cart', '/account/reset?token=x'],
  ['a scheme', 'https://evil.example/cart/return/cart_1'],
])('refuses a cart link to %s', (_, cartPath) => {
  const r = renderTemplate('cart_reminder', { ...data, cartPath }, brand)
  expect(r).toEqual({ ok: false, error: { field: 'data.cartPath', message: 'a path on the store under /cart/return/' } })
})

test('an empty cart is not reminded about', () => {
  const r = renderTemplate('cart_reminder', { ...data, items: [] }, brand)
  expect(r.ok).toBe(false)
})
