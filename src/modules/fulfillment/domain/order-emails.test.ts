import { expect, test } from 'vitest'
import type { Order } from '../../orders/index.ts'
import { confirmationEmail, deliveredEmail, lookupPath, shippedEmail } from './order-emails.ts'

const eur = (amount: number) => ({ amount, currency: 'EUR' })
const order = {
  id: 'ord_1',
  number: '1042',
  email: 'ada@example.test',
  currency: 'EUR',
  items: [{ id: 'oitem_1', variant_id: 'var_1', sku: 'S-1', title: 'Socks', quantity: 2, unit_price: eur(500), total: eur(1000) }],
  subtotal: eur(1000),
  discount_total: eur(0),
  shipping_total: eur(490),
  tax_total: eur(298),
  total: eur(1490),
  shipping_address: { name: 'Ada Buyer', line1: 'Storgata 1', line2: ' ', city: 'Oslo', postal_code: '0155', country: 'NO' },
  shipping_option: { id: 'ship_1', name: 'Standard', amount: eur(490) },
} as unknown as Order

test('the confirmation carries lines, totals, address and the look-up link, keyed by order', () => {
  const e = confirmationEmail(order, { taxIncluded: true })
  expect(e).toMatchObject({ key: 'order_confirmation:ord_1', to: 'ada@example.test', template: 'order_confirmation' })
  expect(e.data).toEqual({
    orderId: 'ord_1',
    orderNumber: '1042',
    orderPath: '/orders/lookup?number=1042',
    customerName: 'Ada Buyer',
    currency: 'EUR',
    items: [{ title: 'Socks', quantity: 2, sku: 'S-1', unitPrice: 500, total: 1000 }],
    subtotal: 1000,
    discountTotal: 0,
    shippingTotal: 490,
    taxTotal: 298,
    taxIncluded: true,
    total: 1490,
    shippingAddress: { name: 'Ada Buyer', line1: 'Storgata 1', city: 'Oslo', postalCode: '0155', country: 'NO' },
    shippingMethod: 'Standard',
  })
})

test('shipped is keyed by shipment, delivered by order', () => {
  const s = { id: 'shpm_1', carrier: 'sandbox', trackingNumber: 'SBX1', trackingUrl: 'http://c/t/SBX1', items: [] }
  expect(shippedEmail(order, s)).toMatchObject({ key: 'order_shipped:shpm_1', template: 'order_shipped', data: { trackingNumber: 'SBX1' } })
  expect(deliveredEmail(order)).toMatchObject({ key: 'order_delivered:ord_1', template: 'order_delivered', data: { orderNumber: '1042' } })
  expect(lookupPath('10 42')).toBe('/orders/lookup?number=10%2042')
})
