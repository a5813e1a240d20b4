import { type Currency, type Money, money, SUPPORTED_CURRENCIES } from '../../../platform/money/money.ts'

/** Fixed demo exchange rates from EUR. */
export const FX_FROM_EUR: Readonly<Record<Currency, number>> = { EUR: 1, USD: 1.08, GBP: 0.85, NOK: 11.5, SEK: 11.3 }

/** Cents a price ends in; 0 means a round price. */
export const PRICE_ENDINGS = [0, 50, 90, 95, 99] as const
export type PriceEnding = (typeof PRICE_ENDINGS)[number]

/** Nearest price with the given ending, in minor units: 48.7 & 90 → 4890; round prices snap to 5 (45.00). */
export const charmPrice = (major: number, ending: PriceEnding): number => {
  if (ending === 0) return Math.max(5, Math.round(major / 5) * 5) * 100
  return Math.max(0, Math.round(major - ending / 100)) * 100 + ending
}

/** Krona/krone prices are whole units ending in 0 (round) or 9 (charm): 569.00, 1 130.00. */
const kronaPrice = (major: number, ending: PriceEnding): number => {
  const tens = Math.max(10, Math.round(major / 10) * 10)
  return (ending === 0 ? tens : tens - 1) * 100
}

export const convertPrice = (eurMinor: number, currency: Currency, ending: PriceEnding): number => {
  if (currency === 'EUR') return eurMinor
  const major = (eurMinor / 100) * FX_FROM_EUR[currency]
  return currency === 'NOK' || currency === 'SEK' ? kronaPrice(major, ending) : charmPrice(major, ending)
}

/** One Money per supported currency, in SUPPORTED_CURRENCIES order. */
export const pricesFromEur = (eurMinor: number, ending: PriceEnding): Money[] =>
  SUPPORTED_CURRENCIES.map((c) => money(convertPrice(eurMinor, c, ending), c))
