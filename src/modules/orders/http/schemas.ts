import { z } from 'zod'
import { FULFILLMENT_STATUSES, ORDER_STATUSES, PAYMENT_STATUSES, STATUS_FIELDS } from '../domain/order-state-machine.ts'

export const orderStatusSchema = z.enum(ORDER_STATUSES)
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES)
export const fulfillmentStatusSchema = z.enum(FULFILLMENT_STATUSES)
const fieldSchema = z.enum([...STATUS_FIELDS, 'return'])

const moneySchema = z.object({ amount: z.number().int().describe('integer minor units'), currency: z.string().length(3) })

const addressSchema = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  region: z.string().optional(),
  postal_code: z.string(),
  country: z.string(),
  phone: z.string().optional(),
})

const itemSchema = z.object({
  id: z.string(),
  variant_id: z.string(),
  sku: z.string(),
  title: z.string(),
  quantity: z.number().int(),
  unit_price: moneySchema,
  total: moneySchema,
})

const historySchema = z.object({
  field: fieldSchema.describe('which status moved, or `return` for a step of a return'),
  status: z.string().describe('the value it moved to'),
  from: z.string().nullable().describe('the value it moved from; null for the initial entry'),
  at: z.string(),
})

const orderFields = {
  id: z.string(),
  number: z.string().describe('human order number, e.g. "1001"'),
  status: orderStatusSchema,
  payment_status: paymentStatusSchema,
  fulfillment_status: fulfillmentStatusSchema,
  email: z.string(),
  currency: z.string().length(3),
  items: z.array(itemSchema),
  subtotal: moneySchema,
  discount_total: moneySchema,
  shipping_total: moneySchema,
  tax_total: moneySchema,
  total: moneySchema,
  shipping_address: addressSchema,
  shipping_option: z.object({ id: z.string(), name: z.string(), amount: moneySchema }).nullable(),
  discounts: z.array(z.object({ code: z.string().nullable(), name: z.string(), amount: moneySchema })),
  tracking: z.array(z.object({ carrier: z.string(), number: z.string(), url: z.string() })),
  created_at: z.string(),
  updated_at: z.string(),
}

/** The shopper's view: history without staff notes. */
export const storeOrderSchema = z.object({ ...orderFields, history: z.array(historySchema) })

/** The staff view: everything, notes included. */
export const adminOrderSchema = z.object({
  ...orderFields,
  customer_id: z.string().nullable(),
  payment_provider: z.string().nullable(),
  history: z.array(historySchema.extend({ note: z.string() })),
})

export const orderIdParams = z.object({ id: z.string().min(1).max(64) })

export const listQuerySchema = z.object({
  status: orderStatusSchema.optional(),
  payment_status: paymentStatusSchema.optional(),
  fulfillment_status: fulfillmentStatusSchema.optional(),
  email: z.string().trim().min(1).max(320).optional().describe('exact e-mail address, case-insensitive'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
})

export const orderPageSchema = z.object({ orders: z.array(adminOrderSchema), next_cursor: z.string().nullable() })

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
})
