import type { Result } from '../../platform/result.ts'
import type { FulfillmentError, QuoteError } from './errors.ts'

/** A price for one shipping option, for one cart. */
export type ShippingQuote = { readonly id: string; readonly name: string; readonly amount: number; readonly currency: string }

export type ShippingOptionKind = 'flat' | 'weight'

export type ShippingOption = {
  readonly id: string
  readonly zone_id: string
  readonly name: string
  /** flat: `amount`; weight: `amount` + `per_kg` for every started kilogram */
  readonly kind: ShippingOptionKind
  readonly currency: string
  readonly amount: number
  readonly per_kg: number
  /** free when the subtotal is at least this (minor units); null: never free */
  readonly free_above: number | null
  readonly position: number
}

export type ShippingZone = {
  readonly id: string
  readonly name: string
  /** ISO 3166-1 alpha-2 codes, or ['*'] for every country no other zone names */
  readonly countries: string[]
  readonly options: ShippingOption[]
}

export type QuoteInput = {
  readonly country: string
  readonly currency: string
  /** minor units, after discounts as the caller sees fit; decides `free_above` */
  readonly subtotal: number
  readonly weightGrams: number
}

export type NewZone = { readonly name: string; readonly countries: readonly string[] }

export type NewShippingOption = {
  readonly zone_id: string
  readonly name: string
  readonly kind: ShippingOptionKind
  readonly currency: string
  readonly amount: number
  readonly per_kg?: number
  readonly free_above?: number | null
  readonly position?: number
}

export type ShippingApi = {
  /** the options, priced, of the zone serving the country, in the requested currency only; [] when none */
  readonly quoteOptions: (input: QuoteInput) => Promise<ShippingQuote[]>
  /** one option priced; it must belong to the zone serving the country and be in the currency */
  readonly getQuote: (input: QuoteInput & { readonly optionId: string }) => Promise<Result<ShippingQuote, QuoteError>>
  readonly listZones: () => Promise<ShippingZone[]>
  /** refused when one of the countries (or '*') already belongs to a zone */
  readonly createZone: (input: NewZone) => Promise<Result<ShippingZone, FulfillmentError>>
  readonly createOption: (input: NewShippingOption) => Promise<Result<ShippingOption, FulfillmentError>>
  /** Nordics, Europe and Rest of world with Standard and Express in every supported currency; idempotent */
  readonly seedDefaultZones: () => Promise<{ readonly zones: number; readonly options: number }>
}
