import type { RefundIssuedData } from './template-data.ts'
import { type Block, type Brand, composeEmail, facts, formatAmount, greeting, paragraph, type RenderedEmail } from './template-kit.ts'
import { orderLink } from './order-link.ts'

/** Sent when money goes back to the shopper (a return or a cancellation). */
export const refundIssued = (d: RefundIssuedData, brand: Brand): RenderedEmail => {
  const amount = formatAmount(d.amount, d.currency, brand)
  const blocks: Block[] = [
    greeting(d.customerName),
    paragraph(
      `We have refunded ${amount} for order ${d.orderNumber} to your original payment method. Depending on your bank it can take a few days to show.`,
    ),
    facts([
      ['Refund', amount],
      ['Order number', d.orderNumber],
      ['Note', d.note ?? null],
    ]),
    ...orderLink(brand, d.orderPath),
  ]
  return composeEmail(brand, `Refund of ${amount} for order ${d.orderNumber}`, blocks)
}
