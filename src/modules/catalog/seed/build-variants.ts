import type { VariantInput } from '../contract.ts'
import type { OptionScheme } from './option-schemes.ts'
import { planVariants } from './plan-variants.ts'
import { charmPrice, type PriceEnding, pricesFromEur } from './pricing.ts'
import type { Rng } from './prng.ts'

export type SeedVariant = VariantInput & { readonly id: string }

export type VariantBasis = {
  /** e.g. "APP-SWE-000123" */
  readonly skuBase: string
  /** base price in whole euros, before the ending is applied */
  readonly baseEuros: number
  readonly ending: PriceEnding
  readonly baseWeightGrams: number
  readonly nextVariantId: () => string
}

const roundTo = (value: number, step: number): number => Math.max(step, Math.round(value / step) * step)

export const buildVariants = (scheme: OptionScheme, basis: VariantBasis, rng: Rng): SeedVariant[] =>
  planVariants(scheme, rng).map((plan) => ({
    id: basis.nextVariantId(),
    sku: plan.code ? `${basis.skuBase}-${plan.code}` : basis.skuBase,
    title: plan.title,
    options: plan.options,
    prices: pricesFromEur(charmPrice(basis.baseEuros * plan.factor, basis.ending), basis.ending),
    weight_grams: roundTo(basis.baseWeightGrams * plan.factor, 5),
  }))
