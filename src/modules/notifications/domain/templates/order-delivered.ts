import type { OrderDeliveredData } from './template-data.ts'
import { type Brand, composeEmail, greeting, paragraph, type RenderedEmail } from './template-kit.ts'
import { orderLink } from './order-link.ts'

/** Sent when the carrier reports the order delivered. */
export const orderDelivered = (d: OrderDeliveredData, brand: Brand): RenderedEmail =>
  composeEmail(brand, `Your order ${d.orderNumber} has been delivered`, [
    greeting(d.customerName),
    paragraph(`Your order ${d.orderNumber} has been delivered. We hope you enjoy it.`),
    paragraph('If something is not right, you can return it: reply to this e-mail or start a return from your order page.'),
    ...orderLink(brand, d.orderPath),
  ])
