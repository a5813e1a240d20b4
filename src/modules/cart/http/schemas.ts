import { z } from 'zod'

export const moneySchema = z.object({ amount: z.number().int(), currency: z.string() })

export const cartSchema = z.object({
  id: z.string(),
  currency: z.string(),
  status: z.enum(['active', 'checking_out', 'completed']),
  items: z.array(
    z.object({
      id: z.string(),
      variant_id: z.string(),
      sku: z.string(),
      title: z.string(),
      product_title: z.string(),
      product_handle: z.string(),
      quantity: z.number().int(),
      unit_price: moneySchema,
      total: moneySchema,
      weight_grams: z.number().int(),
    }),
  ),
  discount_code: z.string().nullable(),
  discount_problem: z.string().nullable(),
  discounts: z.array(z.object({ code: z.string().nullable(), name: z.string(), amount: moneySchema })),
  subtotal: moneySchema,
  discount_total: moneySchema,
  shipping_total: moneySchema,
  tax_total: moneySchema,
  total: moneySchema,
  tax_inclusive: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
})

export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
export const cartReply = { 200: z.object({ cart: cartSchema }), 404: errorSchema, 409: errorSchema, 422: errorSchema }
export const cartParams = z.object({ id: z.string().min(1).max(64) })
export const itemParams = z.object({ id: z.string().min(1).max(64), item_id: z.string().min(1).max(64) })
export const quantitySchema = z.number().int().min(1).max(10_000)
