import type { CatalogApi } from '../contract.ts'
import { CATALOG_TAG, type CatalogDeps, productTag } from '../deps.ts'
import { boundaryWindows } from '../domain/boundary-windows.ts'
import { productsWithBoundaries } from '../store/price-schedule-rows.ts'
import { refreshPriceRanges } from '../store/write-product.ts'

export type BoundaryOptions = {
  /** first run in a process: boundaries this recent count as just passed (keep it above CACHE_TTL_SECONDS) */
  readonly lookbackMs: number
  /** each boundary is applied once more this long after it passed (clock skew between processes) */
  readonly settleMs: number
}

export const BOUNDARY_DEFAULTS: BoundaryOptions = { lookbackMs: 15 * 60_000, settleMs: 10_000 }

const BATCH = 500

/**
 * The boundary job. Campaign prices are read "as of now", but cached responses were rendered before a start or
 * end: this finds the products whose schedules crossed a boundary since the last run (a watermark in memory;
 * see boundaryWindows for the first run and for clock skew), recomputes their price ranges (so sorting by
 * price follows) and bumps their cache tags. Several processes may run it at once: the range refresh locks
 * the product rows and a tag bump is idempotent in effect.
 */
export const applyPriceBoundaries = (d: CatalogDeps, o: BoundaryOptions = BOUNDARY_DEFAULTS): CatalogApi['applyPriceBoundaries'] => {
  let watermark: Date | null = null
  return async () => {
    const now = d.clock.now()
    const windows = boundaryWindows({ watermark, now, ...o })
    const affected = await productsWithBoundaries(d.db.orm, windows)
    for (let i = 0; i < affected.length; i += BATCH) {
      const ids = affected.slice(i, i + BATCH).map((p) => p.id)
      await d.db.orm.transaction((tx) => refreshPriceRanges(tx, ids, now))
    }
    if (affected.length) await d.invalidate([CATALOG_TAG, ...affected.map((p) => productTag(p.handle))])
    watermark = now
    const from = Math.min(...windows.map((w) => w.from.getTime()))
    return { products: affected.length, from: new Date(from).toISOString(), to: now.toISOString() }
  }
}
