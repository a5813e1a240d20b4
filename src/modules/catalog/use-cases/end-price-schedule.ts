import { eq } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { err, ok } from '../../../platform/result.ts'
import type { PriceSchedulesApi } from '../contract.ts'
import { CATALOG_TAG, type CatalogDeps, productTag } from '../deps.ts'
import { scheduleStatus } from '../domain/schedule-status.ts'
import { priceSchedules } from '../schema.ts'
import { productsOfVariants } from '../store/price-schedule-rows.ts'
import { refreshPriceRanges } from '../store/write-product.ts'
import { getPriceSchedule } from './list-price-schedules.ts'
import { inTx, notFound } from './write-errors.ts'

/** After a schedule changed: recompute its product's price ranges (in the same transaction); returns the handles. */
const reprice = async (tx: Executor, variantId: string, at: Date) => {
  const affected = await productsOfVariants(tx, [variantId])
  await refreshPriceRanges(
    tx,
    affected.map((p) => p.id),
    at,
  )
  return affected.map((p) => p.handle)
}

/** Ends a running campaign price now; the record stays (status ended) for the history. */
export const endPriceSchedule =
  (d: CatalogDeps): PriceSchedulesApi['end'] =>
  async (id) => {
    const now = d.clock.now()
    let handles: string[] = []
    const done = await inTx((abort) =>
      d.db.orm.transaction(async (tx) => {
        const [row] = await tx.select().from(priceSchedules).where(eq(priceSchedules.id, id)).for('update')
        if (!row) return abort(notFound(`price schedule "${id}"`))
        const status = scheduleStatus(row, now)
        if (status !== 'active') {
          const hint = status === 'upcoming' ? 'it has not started; delete it instead' : 'it has already ended'
          return abort(err({ code: 'CATALOG_SCHEDULE_NOT_ACTIVE', message: `Price schedule "${id}" cannot be ended: ${hint}.`, status }))
        }
        const endsAt = new Date(Math.max(now.getTime(), row.startsAt.getTime() + 1)) // the window stays non-empty
        await tx.update(priceSchedules).set({ endsAt }).where(eq(priceSchedules.id, id))
        handles = await reprice(tx, row.variantId, endsAt)
        return ok(null)
      }),
    )
    if (!done.ok) return done
    await d.invalidate([CATALOG_TAG, ...handles.map(productTag)])
    return getPriceSchedule(d)(id)
  }

/** Deletes a schedule whatever its state; a running campaign price stops applying at once. */
export const removePriceSchedule =
  (d: CatalogDeps): PriceSchedulesApi['remove'] =>
  async (id) => {
    const handles = await d.db.orm.transaction(async (tx) => {
      const [row] = await tx.delete(priceSchedules).where(eq(priceSchedules.id, id)).returning({ variantId: priceSchedules.variantId })
      return row ? reprice(tx, row.variantId, d.clock.now()) : null
    })
    if (handles === null) return notFound(`price schedule "${id}"`)
    await d.invalidate([CATALOG_TAG, ...handles.map(productTag)])
    return ok({ id })
  }
