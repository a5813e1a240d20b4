import type { OrderShippedData } from './template-data.ts'
import { type Block, type Brand, button, composeEmail, facts, greeting, lineList, paragraph, type RenderedEmail } from './template-kit.ts'
import { orderLink } from './order-link.ts'

/** Sent per shipment, with the carrier's tracking number and link. */
export const orderShipped = (d: OrderShippedData, brand: Brand): RenderedEmail => {
  const blocks: Block[] = [
    greeting(d.customerName),
    paragraph(`Good news: your order ${d.orderNumber} is on its way.`),
    facts([
      ['Carrier', d.carrier],
      ['Tracking number', d.trackingNumber],
    ]),
    button('Track your parcel', d.trackingUrl),
  ]
  if (d.items?.length) blocks.push(paragraph('In this parcel:'), lineList(d.items))
  blocks.push(...orderLink(brand, d.orderPath))
  return composeEmail(brand, `Your order ${d.orderNumber} is on its way`, blocks)
}
