/** Money is integer minor units plus an ISO 4217 currency code. Never floats. */
export type Money = { readonly amount: number; readonly currency: string }

export const SUPPORTED_CURRENCIES = ['EUR', 'USD', 'GBP', 'NOK', 'SEK'] as const
export type Currency = (typeof SUPPORTED_CURRENCIES)[number]

export const isCurrency = (c: string): c is Currency => (SUPPORTED_CURRENCIES as readonly string[]).includes(c)

export const money = (amount: number, currency: string): Money => {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount must be a safe integer: ${amount}`)
  return { amount, currency }
}

const formatters = new Map<string, Intl.NumberFormat>()

/** Human display, e.g. "€12.50"; used by the storefront. */
export const formatMoney = (m: Money, locale = 'en-IE'): string => {
  const key = `${locale}:${m.currency}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency })
    formatters.set(key, f)
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2
  return f.format(m.amount / 10 ** digits)
}
