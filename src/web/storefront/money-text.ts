import type { Money } from '../../platform/money/money.ts'

const digitsCache = new Map<string, number>()

/** Minor-unit digits of a currency (2 for EUR, 0 for JPY), from Intl. */
export const minorDigits = (currency: string): number => {
  let d = digitsCache.get(currency)
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    digitsCache.set(currency, d)
  }
  return d
}

/** Money as a plain decimal string for machines (schema.org price): 5900 EUR → "59.00". No floats. */
export const decimalAmount = (m: Money): string => {
  const digits = minorDigits(m.currency)
  const sign = m.amount < 0 ? '-' : ''
  const text = String(Math.abs(m.amount)).padStart(digits + 1, '0')
  if (digits === 0) return sign + text
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`
}

/** At most 7 whole digits: the result stays far inside a 32-bit integer column. */
const MAJOR_UNITS = /^(\d{1,7})(?:\.(\d*))?$/

/** A shopper's price ("12", "12.5", "12.50") in minor units, or null when malformed or too precise. */
export const toMinorUnits = (text: string, currency: string): number | null => {
  const m = MAJOR_UNITS.exec(text.trim())
  if (!m) return null
  const digits = minorDigits(currency)
  const fraction = m[2] ?? ''
  if (fraction.length > digits) return null
  return Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
}

/** Minor units back to the text a price input shows: 1250 EUR → "12.50". */
export const toMajorText = (minor: number, currency: string): string => decimalAmount({ amount: minor, currency })

/** The symbol shoppers know a currency by: "€" for EUR, "$" for USD, else the code. */
export const currencySymbol = (currency: string): string =>
  new Intl.NumberFormat('en-IE', { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency
