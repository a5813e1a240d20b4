import type { OrderConfirmationData } from './template-data.ts'
import {
  addressBlock,
  type Block,
  type Brand,
  composeEmail,
  facts,
  formatAmount,
  greeting,
  lineTitle,
  paragraph,
  pricedLines,
  type RenderedEmail,
} from './template-kit.ts'
import { orderLink } from './order-link.ts'

const totalsOf = (d: OrderConfirmationData, brand: Brand): [string, string][] => {
  const fmt = (n: number) => formatAmount(n, d.currency, brand)
  const rows: [string, string][] = [['Subtotal', fmt(d.subtotal)]]
  if (d.discountTotal) rows.push(['Discount', `−${fmt(d.discountTotal)}`])
  if (d.shippingTotal !== undefined) rows.push(['Shipping', fmt(d.shippingTotal)])
  if (d.taxTotal) rows.push([d.taxIncluded ? 'Tax (included)' : 'Tax', fmt(d.taxTotal)])
  rows.push(['Total', fmt(d.total)])
  return rows
}

/** Sent once per order when it is placed (payment authorised). */
export const orderConfirmation = (d: OrderConfirmationData, brand: Brand): RenderedEmail => {
  const blocks: Block[] = [
    greeting(d.customerName),
    paragraph(`Thank you for your order at ${brand.storeName}. We have received it and will let you know when it ships.`),
    facts([
      ['Order number', d.orderNumber],
      ['Delivery', d.shippingMethod ?? null],
    ]),
    pricedLines(
      d.items.map((l) => [lineTitle(l), formatAmount(l.total, d.currency, brand)] as const),
      totalsOf(d, brand),
    ),
  ]
  if (d.shippingAddress) blocks.push(addressBlock('Shipping to', d.shippingAddress))
  blocks.push(...orderLink(brand, d.orderPath))
  return composeEmail(brand, `Your ${brand.storeName} order ${d.orderNumber} is confirmed`, blocks)
}
