import { err, ok, type Result } from '../../../platform/result.ts'
import type { SetRateInput, TaxRate } from '../contract.ts'
import type { TaxError } from '../errors.ts'

export const COUNTRY_PATTERN = /^[A-Z]{2}$/
export const REGION_PATTERN = /^[A-Z0-9-]{0,10}$/

/** Country and region codes are compared upper-case and trimmed. */
export const placeKey = (country: string, region = '') => ({ country: country.trim().toUpperCase(), region: region.trim().toUpperCase() })

const bad = (field: string, message: string): TaxError => ({ code: 'TAX_INVALID_RATE', field, message })

/** Checks and normalises a rate to store; `name` stays undefined when not given. */
export const normalizeRate = (i: SetRateInput): Result<Omit<TaxRate, 'name'> & { name?: string }, TaxError> => {
  const { country, region } = placeKey(i.country, i.region)
  if (!COUNTRY_PATTERN.test(country)) return err(bad('country', 'A country is an ISO 3166-1 alpha-2 code such as "NO".'))
  if (!REGION_PATTERN.test(region)) return err(bad('region', 'A region is a code of up to 10 letters, digits or "-", such as "CA".'))
  if (!Number.isSafeInteger(i.rateBp) || i.rateBp < 0 || i.rateBp > 10_000) {
    return err(bad('rate_bp', 'A rate is given in basis points, from 0 to 10000 (100%).'))
  }
  const name = i.name?.trim()
  if (name !== undefined && name.length > 60) return err(bad('name', 'A rate name has at most 60 characters.'))
  return ok({ country, region, rate_bp: i.rateBp, ...(name !== undefined && { name }) })
}
