import type { Rng } from './prng.ts'

/** On-hand units per location for one variant. */
export type StockLevels = { readonly warehouse: number; readonly store: number }

export const SOLD_OUT_SHARE = 0.05
export const WAREHOUSE_ONLY_SHARE = 0.1

/** ~5% sold out everywhere, ~10% only in the warehouse, the rest 0–200 in the warehouse and 1–30 in store. */
export const buildStockLevels = (rng: Rng): StockLevels => {
  const r = rng.next()
  if (r < SOLD_OUT_SHARE) return { warehouse: 0, store: 0 }
  if (r < SOLD_OUT_SHARE + WAREHOUSE_ONLY_SHARE) return { warehouse: rng.int(1, 200), store: 0 }
  return { warehouse: rng.int(0, 200), store: rng.int(1, 30) }
}
