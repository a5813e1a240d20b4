import { z } from 'zod'
import { RETURN_STATUSES, REFUND_STATUSES } from '../schema.ts'

const moneySchema = z.object({ amount: z.number().int().describe('integer minor units'), currency: z.string().length(3) })
const id = z.string().trim().min(1).max(64)
const text = (max: number) => z.string().trim().min(1).max(max)

export const returnSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  order_number: z.string(),
  status: z.enum(RETURN_STATUSES),
  source: z.enum(['store', 'admin']),
  items: z.array(
    z.object({
      id: z.string(),
      item_id: z.string().describe('the order item'),
      variant_id: z.string(),
      sku: z.string(),
      title: z.string(),
      quantity: z.number().int(),
      reason: z.string(),
      refund_amount: moneySchema,
      exchange_variant_id: z.string().nullable(),
      condition: z.enum(['sellable', 'damaged']).nullable(),
      disposition: z.enum(['restocked', 'written_off']).nullable(),
      location_id: z.string().nullable(),
    }),
  ),
  refund_amount: moneySchema.describe('what the returned lines are worth: their share of the goods paid, tax and discounts pro-rata'),
  refund_status: z.enum(REFUND_STATUSES),
  label: z.object({ carrier: z.string(), tracking_number: z.string(), tracking_url: z.string(), label_url: z.string() }).nullable(),
  exchange_order_id: z.string().nullable().describe('the linked replacement order of an exchange'),
  note: z.string(),
  rejection_reason: z.string().nullable(),
  steps: z.array(z.object({ step: z.string(), note: z.string(), at: z.string() })),
  created_at: z.string(),
  updated_at: z.string(),
})

export const requestBodySchema = z.object({
  items: z
    .array(
      z.object({
        item_id: id.describe('an item of the order'),
        quantity: z.number().int().min(1).max(10_000),
        reason: text(500),
        exchange_variant_id: id.optional().describe('ask for this variant (same price) instead of a refund'),
      }),
    )
    .min(1)
    .max(100),
  note: z.string().trim().max(2000).optional(),
})

export const receiveBodySchema = z.object({
  location_id: id.optional().describe('where sellable units go back (default: RETURN_RESTOCK_LOCATION, else the default location)'),
  items: z
    .array(z.object({ id: id.describe('a return item'), condition: z.enum(['sellable', 'damaged']), location_id: id.optional() }))
    .min(1)
    .max(100),
  note: z.string().trim().max(2000).optional(),
})

export const idParams = z.object({ id })
export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
export const oneReturn = z.object({ return: returnSchema })
export const manyReturns = z.object({ returns: z.array(returnSchema) })

export const toRequest = (b: z.infer<typeof requestBodySchema>) =>
  b.items.map((i) => ({
    itemId: i.item_id,
    quantity: i.quantity,
    reason: i.reason,
    ...(i.exchange_variant_id && { exchangeVariantId: i.exchange_variant_id }),
  }))
