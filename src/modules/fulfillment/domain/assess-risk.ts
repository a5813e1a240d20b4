import { formatMoney } from '../../../platform/money/money.ts'

/** The risk rules (each one off at its zero value), from configuration. */
export type RiskRules = {
  /** hold when the total (minor units) is above this; 0: no limit */
  readonly holdAbove: number
  /** hold when shipping elsewhere; empty: anywhere */
  readonly allowedCountries: readonly string[]
  /** hold when the e-mail placed more orders than this in the past hour (this one included); 0: no limit */
  readonly maxOrdersPerEmailHour: number
}

export type RiskInput = {
  readonly total: number
  readonly currency: string
  readonly shippingCountry: string
  /** orders from the same e-mail in the hour before this one, this one not counted */
  readonly earlierOrdersByEmail: number
}

export type RiskReason = {
  readonly code: 'total_above_limit' | 'country_not_allowed' | 'email_velocity'
  /** for staff, never shown to the shopper */
  readonly message: string
}

/**
 * Why an order should wait for staff before it ships; empty when it may go ahead. Billing and
 * IP address rules need data checkout does not collect yet (docs/processing.md).
 */
export const assessRisk = (rules: RiskRules, o: RiskInput): RiskReason[] => {
  const reasons: RiskReason[] = []
  if (rules.holdAbove > 0 && o.total > rules.holdAbove) {
    const limit = formatMoney({ amount: rules.holdAbove, currency: o.currency })
    reasons.push({
      code: 'total_above_limit',
      message: `The total ${formatMoney({ amount: o.total, currency: o.currency })} is above ${limit}.`,
    })
  }
  if (rules.allowedCountries.length > 0 && !rules.allowedCountries.includes(o.shippingCountry.toUpperCase())) {
    reasons.push({
      code: 'country_not_allowed',
      message: `Ships to ${o.shippingCountry}, which is not among ${rules.allowedCountries.join(', ')}.`,
    })
  }
  const orders = o.earlierOrdersByEmail + 1
  if (rules.maxOrdersPerEmailHour > 0 && orders > rules.maxOrdersPerEmailHour) {
    reasons.push({
      code: 'email_velocity',
      message: `${orders} orders from this e-mail within an hour (at most ${rules.maxOrdersPerEmailHour}).`,
    })
  }
  return reasons
}
