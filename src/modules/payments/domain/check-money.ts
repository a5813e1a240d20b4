import type { Money } from '../../../platform/money/money.ts'

/** Why an amount cannot be charged (null when it can): a positive safe integer in an ISO currency. */
export const invalidMoney = (m: Money): string | null => {
  if (!Number.isSafeInteger(m.amount) || m.amount <= 0) return `The amount must be a positive integer in minor units, not ${m.amount}.`
  if (!/^[A-Z]{3}$/.test(m.currency)) return `"${m.currency}" is not an ISO 4217 currency code.`
  return null
}

/** Why `m` cannot be taken from a payment in `currency` (null when it can). */
export const invalidAmountFor = (m: Money, currency: string): string | null =>
  invalidMoney(m) ?? (m.currency === currency ? null : `The payment is in ${currency}, not ${m.currency}.`)
