import { z } from 'zod'
import { SUPPORTED_CURRENCIES } from '../../../platform/money/money.ts'
import { CODE_PATTERN, MAX_AMOUNT } from '../domain/validate-promotion.ts'

const count = (min: number) => z.number().int().min(min).max(MAX_AMOUNT)
const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time')

export const promotionSchema = z.object({
  id: z.string(),
  code: z.string().nullable().describe('null: applied automatically'),
  name: z.string(),
  kind: z.enum(['percentage', 'fixed', 'free_shipping']),
  value: z.number().int().describe('percentage: basis points (1000 = 10%); fixed: minor units of currency; free_shipping: 0'),
  currency: z.string().nullable(),
  min_subtotal: z.number().int().describe('minor units of currency'),
  starts_at: z.string().nullable(),
  ends_at: z.string().nullable(),
  usage_limit: z.number().int().nullable(),
  per_customer_limit: z.number().int().nullable(),
  times_used: z.number().int(),
  active: z.boolean(),
  created_at: z.string(),
})

export const createBodySchema = z.object({
  code: z.string().regex(CODE_PATTERN, 'must be 3 to 40 letters, digits, "-" or "_"').nullable().optional(),
  name: z.string().min(1).max(200),
  kind: z.enum(['percentage', 'fixed', 'free_shipping']),
  value: count(0).optional(),
  currency: z.enum(SUPPORTED_CURRENCIES).nullable().optional(),
  min_subtotal: count(0).optional(),
  starts_at: instant.nullable().optional(),
  ends_at: instant.nullable().optional(),
  usage_limit: count(1).nullable().optional(),
  per_customer_limit: count(1).nullable().optional(),
  active: z.boolean().optional(),
})

export const patchBodySchema = createBodySchema
  .pick({
    name: true,
    min_subtotal: true,
    starts_at: true,
    ends_at: true,
    usage_limit: true,
    per_customer_limit: true,
    active: true,
  })
  .partial()
  .strict()

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(64).optional(),
  q: z.string().trim().max(100).optional().describe('part of the code or the name, any case'),
  active: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
})

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
})

/** ISO strings from the body as dates; absent stays absent, null stays null. */
export const dateOf = (s: string | null | undefined): Date | null | undefined => (s === undefined || s === null ? s : new Date(s))
