import type { Variant } from '../../modules/catalog/index.ts'

/** At or below this many units a variant shows "Only N left". */
export const LOW_STOCK = 5

export type StockState = 'in' | 'low' | 'out'

export type StockStatus = {
  readonly state: StockState
  readonly text: string
  readonly schema: 'https://schema.org/InStock' | 'https://schema.org/OutOfStock'
}

/** What a shopper reads about a variant's stock: "In stock", "Only 3 left", "Sold out". */
export const stockStatus = (v: Pick<Variant, 'available' | 'price'>): StockStatus => {
  if (v.available <= 0 || v.price === null) return { state: 'out', text: 'Sold out', schema: 'https://schema.org/OutOfStock' }
  if (v.available <= LOW_STOCK) return { state: 'low', text: `Only ${v.available} left`, schema: 'https://schema.org/InStock' }
  return { state: 'in', text: 'In stock', schema: 'https://schema.org/InStock' }
}

/** True when no variant can be bought. */
export const isSoldOut = (variants: readonly Pick<Variant, 'available' | 'price'>[]): boolean =>
  variants.every((v) => stockStatus(v).state === 'out')
