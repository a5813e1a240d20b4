import { isCurrency } from '../../../platform/money/money.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { NewShippingOption, NewZone } from '../contract.ts'
import type { InvalidShippingInput } from '../errors.ts'
import { type OptionRule, REST_OF_WORLD } from './quote-shipping.ts'

export const MAX_AMOUNT = 2_000_000_000
const COUNTRY = /^[A-Z]{2}$/

const bad = (field: string, message: string): InvalidShippingInput => ({ code: 'FULFILLMENT_INVALID_INPUT', field, message })
const isAmount = (x: number) => Number.isSafeInteger(x) && x >= 0 && x <= MAX_AMOUNT

/** Upper-cased, trimmed, without duplicates; either ISO alpha-2 codes or ['*'] alone. */
export const validateZone = (z: NewZone): Result<{ name: string; countries: string[] }, InvalidShippingInput> => {
  const name = z.name.trim()
  const countries = [...new Set(z.countries.map((c) => c.trim().toUpperCase()))]
  if (name.length < 1 || name.length > 100) return err(bad('name', 'A zone name has 1 to 100 characters.'))
  if (countries.length === 0) return err(bad('countries', 'A zone serves at least one country (or "*" for the rest of the world).'))
  if (countries.includes(REST_OF_WORLD) && countries.length > 1) return err(bad('countries', '"*" (rest of the world) stands alone.'))
  const wrong = countries.find((c) => c !== REST_OF_WORLD && !COUNTRY.test(c))
  if (wrong !== undefined) return err(bad('countries', `"${wrong}" is not an ISO 3166-1 alpha-2 country code.`))
  return ok({ name, countries })
}

export type OptionDraft = Omit<OptionRule, 'id'> & { readonly zoneId: string }

export const validateOption = (o: NewShippingOption): Result<OptionDraft, InvalidShippingInput> => {
  const d: OptionDraft = {
    zoneId: o.zone_id,
    name: o.name.trim(),
    kind: o.kind,
    currency: o.currency.trim().toUpperCase(),
    amount: o.amount,
    perKg: o.per_kg ?? 0,
    freeAbove: o.free_above ?? null,
    position: o.position ?? 0,
  }
  if (d.name.length < 1 || d.name.length > 100) return err(bad('name', 'An option name has 1 to 100 characters.'))
  if (!isCurrency(d.currency)) return err(bad('currency', `The store does not sell in ${d.currency}.`))
  if (!isAmount(d.amount)) return err(bad('amount', 'The amount is a whole number of minor units, 0 or more.'))
  if (!isAmount(d.perKg)) return err(bad('per_kg', 'The price per kilogram is a whole number of minor units, 0 or more.'))
  if (d.kind === 'flat' && d.perKg !== 0) return err(bad('per_kg', 'A flat option has no price per kilogram; use kind "weight".'))
  if (d.freeAbove !== null && !isAmount(d.freeAbove))
    return err(bad('free_above', 'free_above is a whole number of minor units, 0 or more.'))
  if (!Number.isSafeInteger(d.position) || d.position < 0 || d.position > 10_000) return err(bad('position', 'The position is 0 to 10000.'))
  return ok(d)
}
