import { isCurrency } from '../../../platform/money/money.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { NewPromotion, PromotionKind, PromotionPatch } from '../contract.ts'
import type { InvalidInputError } from '../errors.ts'

/** A promotion's settings, normalised, as stored. */
export type PromotionDraft = {
  readonly code: string | null
  readonly name: string
  readonly kind: PromotionKind
  readonly value: number
  readonly currency: string | null
  readonly minSubtotal: number
  readonly startsAt: Date | null
  readonly endsAt: Date | null
  readonly usageLimit: number | null
  readonly perCustomerLimit: number | null
  readonly active: boolean
}

export const CODE_PATTERN = /^[A-Za-z0-9_-]{3,40}$/
/** the largest value an integer column holds, rounded down */
export const MAX_AMOUNT = 2_000_000_000

const bad = (field: string, message: string): InvalidInputError => ({ code: 'PROMOTIONS_INVALID_INPUT', field, message })
const isCount = (x: number | null, min: number) => x === null || (Number.isSafeInteger(x) && x >= min && x <= MAX_AMOUNT)

export const draftOf = (i: NewPromotion): PromotionDraft => ({
  code: i.code?.trim() || null,
  name: i.name.trim(),
  kind: i.kind,
  value: i.value ?? 0,
  currency: i.currency ? i.currency.trim().toUpperCase() : null,
  minSubtotal: i.min_subtotal ?? 0,
  startsAt: i.starts_at ?? null,
  endsAt: i.ends_at ?? null,
  usageLimit: i.usage_limit ?? null,
  perCustomerLimit: i.per_customer_limit ?? null,
  active: i.active ?? true,
})

/** The draft with the patch's fields laid over it (`null` clears a window end or a limit). */
export const mergePatch = (d: PromotionDraft, p: PromotionPatch): PromotionDraft => ({
  ...d,
  ...(p.name !== undefined && { name: p.name.trim() }),
  ...(p.min_subtotal !== undefined && { minSubtotal: p.min_subtotal }),
  ...(p.starts_at !== undefined && { startsAt: p.starts_at }),
  ...(p.ends_at !== undefined && { endsAt: p.ends_at }),
  ...(p.usage_limit !== undefined && { usageLimit: p.usage_limit }),
  ...(p.per_customer_limit !== undefined && { perCustomerLimit: p.per_customer_limit }),
  ...(p.active !== undefined && { active: p.active }),
})

const valueProblem = (d: PromotionDraft): InvalidInputError | null => {
  if (d.kind === 'percentage' && !(Number.isSafeInteger(d.value) && d.value >= 1 && d.value <= 10_000)) {
    return bad('value', 'A percentage is given in basis points, from 1 to 10000 (100%).')
  }
  if (d.kind === 'fixed' && !(Number.isSafeInteger(d.value) && d.value >= 1 && d.value <= MAX_AMOUNT)) {
    return bad('value', 'A fixed discount is a positive whole number of minor units.')
  }
  if (d.kind === 'fixed' && !d.currency) return bad('currency', 'A fixed discount needs the currency of its value.')
  if (d.kind === 'free_shipping' && d.value !== 0) return bad('value', 'Free shipping takes no value (leave it 0).')
  return null
}

const settingsProblem = (d: PromotionDraft): InvalidInputError | null => {
  if (d.code !== null && !CODE_PATTERN.test(d.code)) return bad('code', 'A code has 3 to 40 letters, digits, "-" or "_".')
  if (d.name.length < 1 || d.name.length > 200) return bad('name', 'A name has 1 to 200 characters.')
  if (d.currency !== null && !isCurrency(d.currency)) return bad('currency', `The store does not sell in ${d.currency}.`)
  if (!isCount(d.minSubtotal, 0)) return bad('min_subtotal', 'The minimum subtotal is a whole number of minor units, 0 or more.')
  if (d.minSubtotal > 0 && !d.currency) return bad('currency', 'A minimum subtotal needs a currency to be measured in.')
  if (d.startsAt && d.endsAt && d.startsAt.getTime() >= d.endsAt.getTime()) return bad('ends_at', 'The promotion must end after it starts.')
  if (!isCount(d.usageLimit, 1)) return bad('usage_limit', 'The usage limit is a whole number, 1 or more (or none).')
  if (!isCount(d.perCustomerLimit, 1)) return bad('per_customer_limit', 'The per-customer limit is a whole number, 1 or more (or none).')
  return null
}

/** Checks a promotion's settings; the first problem found, with the field it concerns. */
export const validatePromotion = (d: PromotionDraft): Result<PromotionDraft, InvalidInputError> => {
  const problem = valueProblem(d) ?? settingsProblem(d)
  return problem ? err(problem) : ok(d)
}
