import { isCountry, isServiceLevel, isWeight, MAX_WEIGHT_GRAMS, type ServiceLevel } from './quote-rates.ts'

export type Address = {
  readonly country: string
  readonly name?: string
  readonly line1?: string
  readonly line2?: string
  readonly city?: string
  readonly postal_code?: string
}

/** POST /v1/shipments, checked. */
export type ShipmentRequest = {
  readonly reference: string
  readonly service: ServiceLevel
  readonly from: Address
  readonly to: Address
  readonly weight_grams: number
}

const ADDRESS_LINES = ['name', 'line1', 'line2', 'city', 'postal_code'] as const

const readAddress = (v: unknown, field: string): Address | string => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `${field} must be an address object`
  const a = v as Record<string, unknown>
  if (!isCountry(a.country)) return `${field}.country must be an upper-case ISO 3166-1 alpha-2 code`
  const out: Record<string, string> = { country: a.country }
  for (const k of ADDRESS_LINES) {
    const line = a[k]
    if (line === undefined) continue
    if (typeof line !== 'string' || line.length > 200) return `${field}.${k} must be a string of at most 200 characters`
    out[k] = line
  }
  return out as Address
}

/** The request, or what is wrong with it. */
export const readShipmentRequest = (b: Record<string, unknown>): ShipmentRequest | string => {
  if (typeof b.reference !== 'string' || b.reference === '' || b.reference.length > 200)
    return 'reference is required (at most 200 characters), e.g. the order id'
  if (!isServiceLevel(b.service)) return 'service must be standard or express'
  if (!isWeight(b.weight_grams)) return `weight_grams must be an integer from 1 to ${MAX_WEIGHT_GRAMS}`
  const from = readAddress(b.from, 'from')
  if (typeof from === 'string') return from
  const to = readAddress(b.to, 'to')
  if (typeof to === 'string') return to
  return { reference: b.reference, service: b.service, from, to, weight_grams: b.weight_grams }
}

/** One line for the label: "name, line1, city, postal_code, country" without the blanks. */
export const addressLine = (a: Address): string =>
  [a.name, a.line1, a.line2, a.postal_code, a.city, a.country].filter((x) => x !== undefined && x !== '').join(', ')
