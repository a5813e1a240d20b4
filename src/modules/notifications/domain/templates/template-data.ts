import { z } from 'zod'

/**
 * What each template needs, checked when an e-mail is enqueued (the data usually comes from an
 * event payload). Amounts are integer minor units of `currency`. Links are absolute http(s)
 * URLs or, for the store's own pages, a path below the configured base URL: never anything
 * that could run script or point a "your order" link at another site.
 */
const text = (max: number) => z.string().trim().min(1).max(max)
const id = text(100)
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
const amount = z.number().int().min(0)
const quantity = z.number().int().positive().max(1_000_000)
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000)
/** a path on the store, e.g. `/orders/ord_…?token=…`; not `//host` (that would leave the store) */
const storePath = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\s\\]*$/, 'a path starting with a single /')

const orderRef = {
  orderId: id,
  /** the number the shopper sees, e.g. "1042" */
  orderNumber: text(40),
  /** for the greeting; "Hello," without it */
  customerName: text(200).optional(),
  /** the order's page on the store (with its access token, if the caller has it) */
  orderPath: storePath.optional(),
}

const line = z.object({ title: text(300), quantity, sku: text(100).optional() })
const pricedLine = line.extend({ unitPrice: amount, total: amount })

const address = z.object({
  name: text(200),
  line1: text(200),
  line2: text(200).optional(),
  city: text(100),
  region: text(100).optional(),
  postalCode: text(20),
  country: text(60),
})

export const orderConfirmationData = z.object({
  ...orderRef,
  currency,
  items: z.array(pricedLine).min(1).max(500),
  subtotal: amount,
  discountTotal: amount.optional(),
  shippingTotal: amount.optional(),
  taxTotal: amount.optional(),
  /** prices include tax (the tax line reads "incl.") */
  taxIncluded: z.boolean().optional(),
  total: amount,
  shippingAddress: address.optional(),
  shippingMethod: text(200).optional(),
})

export const orderShippedData = z.object({
  ...orderRef,
  carrier: text(100),
  trackingNumber: text(100),
  trackingUrl: httpUrl,
  items: z.array(line).max(500).optional(),
})

export const orderDeliveredData = z.object(orderRef)

export const returnUpdateData = z.object({
  ...orderRef,
  returnId: id,
  items: z.array(line).max(500).optional(),
  /** e.g. the reason a return was refused, or how to send the parcel back */
  note: text(2000).optional(),
})

export const refundIssuedData = z.object({
  ...orderRef,
  amount: z.number().int().positive(),
  currency,
  note: text(2000).optional(),
})

export type OrderConfirmationData = z.infer<typeof orderConfirmationData>
export type OrderShippedData = z.infer<typeof orderShippedData>
export type OrderDeliveredData = z.infer<typeof orderDeliveredData>
export type ReturnUpdateData = z.infer<typeof returnUpdateData>
export type RefundIssuedData = z.infer<typeof refundIssuedData>
export type EmailLine = z.infer<typeof line>
export type PricedLine = z.infer<typeof pricedLine>
export type PostalAddress = z.infer<typeof address>
