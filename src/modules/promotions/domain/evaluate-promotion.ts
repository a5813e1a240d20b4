import { formatMoney } from '../../../platform/money/money.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { InvalidCodeError, InvalidCodeReason } from '../errors.ts'

/** What evaluation needs to know about a promotion. */
export type PromotionRule = {
  readonly code: string | null
  readonly active: boolean
  readonly currency: string | null
  readonly minSubtotal: number
  readonly startsAt: Date | null
  readonly endsAt: Date | null
  readonly usageLimit: number | null
  readonly timesUsed: number
  readonly perCustomerLimit: number | null
}

export type EvaluationContext = {
  readonly currency: string
  readonly subtotal: number
  readonly now: Date
  /** uses by this customer so far; unknown (no e-mail yet) skips the per-customer check */
  readonly customerUses?: number
}

const invalid = (reason: InvalidCodeReason, message: string, extra: Partial<InvalidCodeError> = {}): InvalidCodeError => ({
  code: 'PROMOTIONS_INVALID_CODE',
  reason,
  message,
  ...extra,
})

export const unknownCode = (code: string): InvalidCodeError => invalid('unknown', `There is no discount code "${code}".`)

const labelOf = (p: PromotionRule) => (p.code ? `The code "${p.code}"` : 'This promotion')

/** The first rule the promotion breaks in that context, or null when it applies. */
const firstBroken = (p: PromotionRule, c: EvaluationContext): InvalidCodeError | null => {
  const label = labelOf(p)
  if (!p.active) return invalid('inactive', `${label} is not active.`)
  if (p.startsAt && c.now.getTime() < p.startsAt.getTime()) return invalid('not_started', `${label} is not valid yet.`)
  if (p.endsAt && c.now.getTime() >= p.endsAt.getTime()) return invalid('expired', `${label} has expired.`)
  if (p.currency && p.currency !== c.currency) return invalid('wrong_currency', `${label} applies to ${p.currency} orders only.`)
  if (p.usageLimit !== null && p.timesUsed >= p.usageLimit) return invalid('used_up', `${label} has been used up.`)
  if (p.perCustomerLimit !== null && c.customerUses !== undefined && c.customerUses >= p.perCustomerLimit) {
    return invalid('customer_used_up', `${label} has already been used as often as allowed with this e-mail address.`)
  }
  if (c.subtotal < p.minSubtotal) {
    const currency = p.currency ?? c.currency
    const min = formatMoney({ amount: p.minSubtotal, currency })
    const missing = formatMoney({ amount: p.minSubtotal - c.subtotal, currency })
    return invalid('below_minimum', `${label} needs a subtotal of at least ${min}; add ${missing} more to use it.`, {
      min_subtotal: p.minSubtotal,
      currency,
    })
  }
  return null
}

/**
 * Does the promotion apply to a cart right now? Checks, in order: active, window
 * (starts_at inclusive, ends_at exclusive), currency, total uses, the customer's uses, minimum subtotal.
 * The limits read here may be stale; `redeem` enforces them with conditional writes.
 */
export const evaluatePromotion = (p: PromotionRule, c: EvaluationContext): Result<null, InvalidCodeError> => {
  const broken = firstBroken(p, c)
  return broken ? err(broken) : ok(null)
}
