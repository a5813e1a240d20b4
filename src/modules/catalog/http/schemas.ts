import { z } from 'zod'
import { SUPPORTED_CURRENCIES } from '../../../platform/money/money.ts'
import { HANDLE_PATTERN } from '../domain/handle.ts'

export const currencySchema = z.enum(SUPPORTED_CURRENCIES)
export const moneySchema = z.object({
  amount: z.number().int().min(0).max(2_000_000_000).describe('integer minor units'),
  currency: currencySchema,
})

/** Money as answered: currency is any ISO code the store holds. */
export const moneyOutSchema = z.object({ amount: z.number().int(), currency: z.string().length(3) })

export const imageSchema = z.object({ url: z.string().min(1).max(2000), alt: z.string().max(300) })

export const variantSchema = z.object({
  id: z.string(),
  sku: z.string(),
  title: z.string(),
  options: z.record(z.string(), z.string()),
  price: moneyOutSchema.nullable().describe('price in force in the requested currency: a running campaign price, else the regular price'),
  compare_at_price: moneyOutSchema
    .nullable()
    .describe('the regular price while a lower campaign price is in force (show it struck through); else null'),
  prices: z.array(moneyOutSchema).describe('regular prices in every currency, as the admin sets them; campaign prices are price schedules'),
  weight_grams: z.number().int(),
  available: z.number().int().describe('on hand − reserved over the locations serving the storefront'),
})

export const productSchema = z.object({
  id: z.string(),
  handle: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(['published', 'draft']),
  seo: z.object({ title: z.string(), description: z.string() }),
  images: z.array(imageSchema),
  category_ids: z.array(z.string()),
  price_range: z.object({ min: moneyOutSchema, max: moneyOutSchema }).nullable(),
  variants: z.array(variantSchema),
  created_at: z.string(),
  updated_at: z.string(),
})

export const categorySchema = z.object({
  id: z.string(),
  handle: z.string(),
  name: z.string(),
  description: z.string(),
  parent_id: z.string().nullable(),
  position: z.number().int(),
})

const text = (max: number) => z.string().trim().max(max)
const handleSchema = z.string().max(80).regex(HANDLE_PATTERN, 'lower-case letters, digits and single dashes')
const skuSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore')
const optionsSchema = z
  .record(z.string().trim().min(1).max(50), z.string().trim().min(1).max(100))
  .refine((o) => Object.keys(o).length <= 5, 'at most 5 options')

const pricesSchema = z
  .array(moneySchema)
  .min(1)
  .max(SUPPORTED_CURRENCIES.length)
  .refine((ps) => new Set(ps.map((p) => p.currency)).size === ps.length, 'one price per currency')

export const variantInputSchema = z.object({
  sku: skuSchema,
  title: text(200).min(1),
  options: optionsSchema.optional(),
  prices: pricesSchema,
  weight_grams: z.number().int().min(0).max(1_000_000).optional(),
})

export const productInputSchema = z.object({
  handle: handleSchema.optional(),
  title: text(200).min(1),
  description: text(10_000).optional(),
  status: z.enum(['published', 'draft']).optional(),
  seo: z.object({ title: text(200).optional(), description: text(320).optional() }).optional(),
  images: z.array(imageSchema).max(20).optional(),
  category_ids: z.array(z.string().max(64)).max(20).optional(),
  variants: z.array(variantInputSchema).min(1).max(100),
})

export const productPatchSchema = productInputSchema.omit({ variants: true }).partial()
export const variantPatchSchema = variantInputSchema.partial()

export const categoryInputSchema = z.object({
  handle: handleSchema,
  name: text(120).min(1),
  description: text(2000).optional(),
  parent_id: z.string().max(64).nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
})

export const listQuerySchema = z.object({
  q: z.string().max(200).optional(),
  category: z.string().max(100).optional(),
  sort: z.enum(['relevance', 'newest', 'price_asc', 'price_desc']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
  currency: currencySchema.optional(),
  price_min: z.coerce.number().int().min(0).max(2_000_000_000).optional(),
  price_max: z.coerce.number().int().min(0).max(2_000_000_000).optional(),
})

export const productPageSchema = z.object({ products: z.array(productSchema), next_cursor: z.string().nullable() })

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
})

const instant = z.iso
  .datetime({ offset: true })
  .refine((s) => Date.parse(s) >= 0 && Date.parse(s) < Date.UTC(10_000, 0, 1), 'must be between 1970 and 9999')
  .describe('ISO 8601 date-time with offset, e.g. 2026-11-27T00:00:00Z')

export const priceScheduleSchema = z.object({
  id: z.string(),
  variant_id: z.string(),
  product_id: z.string().nullable().describe('null when the variant has been deleted since'),
  product_handle: z.string().nullable(),
  sku: z.string().nullable(),
  price: moneyOutSchema.describe('the campaign price'),
  regular_price: moneyOutSchema.nullable().describe("the variant's regular price in this currency now"),
  starts_at: z.string().describe('in force from (inclusive)'),
  ends_at: z.string().describe('until (exclusive)'),
  status: z.enum(['upcoming', 'active', 'ended']),
  created_at: z.string(),
})

export const priceScheduleInputSchema = z
  .object({
    starts_at: instant,
    ends_at: instant,
    items: z
      .array(
        z.object({
          variant_id: z.string().min(1).max(64),
          price: moneySchema.describe('the campaign price; currency: one the variant has a regular price in'),
        }),
      )
      .min(1)
      .max(500),
  })
  .refine((b) => Date.parse(b.ends_at) > Date.parse(b.starts_at), { path: ['ends_at'], message: 'must be after starts_at' })

export const priceScheduleListQuerySchema = z.object({
  variant_id: z.string().min(1).max(64).optional(),
  product_id: z.string().min(1).max(64).optional(),
  status: z.enum(['upcoming', 'active', 'ended']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
})
