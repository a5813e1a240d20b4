import type { SchemeKey } from './option-schemes.ts'

/** Word lists and copy for one leaf category of the demo catalog. */
export type LeafVocab = {
  /** SKU segment, three upper-case letters */
  readonly sku: string
  /** Title = one entry from each list, in order, joined by spaces; '' makes a part optional. */
  readonly parts: readonly (readonly string[])[]
  /** Opening sentences; `{title}` is replaced by the product title. */
  readonly intros: readonly string[]
  readonly features: readonly string[]
  readonly care: readonly string[]
  /** Base price range in whole euros */
  readonly priceEur: readonly [number, number]
  readonly weightGrams: readonly [number, number]
  readonly scheme: SchemeKey
}
