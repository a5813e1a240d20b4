import type { ShippingOptionKind, ShippingQuote } from '../contract.ts'

export type OptionRule = {
  readonly id: string
  readonly name: string
  readonly kind: ShippingOptionKind
  readonly currency: string
  readonly amount: number
  readonly perKg: number
  readonly freeAbove: number | null
  readonly position: number
}

export type ZoneRule = { readonly id: string; readonly countries: readonly string[] }

export type CartMeasures = { readonly subtotal: number; readonly weightGrams: number }

export const REST_OF_WORLD = '*'

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The zone naming the country, else the rest-of-world zone; ties go to the lowest id. */
export const zoneFor = <Z extends ZoneRule>(zones: readonly Z[], country: string): Z | null => {
  const sorted = [...zones].sort(byId)
  return sorted.find((z) => z.countries.includes(country)) ?? sorted.find((z) => z.countries.includes(REST_OF_WORLD)) ?? null
}

/** Every started kilogram counts: 1 g → 1 kg, 1000 g → 1 kg, 1001 g → 2 kg. */
export const startedKilos = (grams: number): number => Math.floor((grams + 999) / 1000)

/** The price of one option for a cart, in minor units of the option's currency. */
export const priceOf = (o: OptionRule, cart: CartMeasures): number => {
  if (!Number.isSafeInteger(cart.subtotal) || cart.subtotal < 0)
    throw new RangeError(`subtotal must be a non-negative integer: ${cart.subtotal}`)
  if (!Number.isSafeInteger(cart.weightGrams) || cart.weightGrams < 0)
    throw new RangeError(`weightGrams must be a non-negative integer: ${cart.weightGrams}`)
  if (o.freeAbove !== null && cart.subtotal >= o.freeAbove) return 0
  return o.kind === 'weight' ? o.amount + o.perKg * startedKilos(cart.weightGrams) : o.amount
}

/** The options in the currency, priced, in display order (position, then id). */
export const quoteShipping = (options: readonly OptionRule[], cart: CartMeasures & { readonly currency: string }): ShippingQuote[] =>
  options
    .filter((o) => o.currency === cart.currency)
    .sort((a, b) => a.position - b.position || byId(a, b))
    .map((o) => ({ id: o.id, name: o.name, amount: priceOf(o, cart), currency: o.currency }))
