import { err, ok } from '../../../platform/result.ts'
import type { PriceSchedulesApi } from '../contract.ts'
import { CATALOG_TAG, type CatalogDeps, productTag } from '../deps.ts'
import { checkScheduleBatch } from '../domain/check-schedule-batch.ts'
import type { CatalogError, ScheduleFieldError } from '../errors.ts'
import { priceSchedules } from '../schema.ts'
import { lockScheduleTargets, selectSchedules, toPriceSchedule } from '../store/price-schedule-rows.ts'
import { refreshPriceRanges } from '../store/write-product.ts'
import { inTx } from './write-errors.ts'

const invalid = (fields: readonly ScheduleFieldError[]) =>
  err<CatalogError>({
    code: 'CATALOG_INVALID_SCHEDULE',
    message: `Nothing was scheduled: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}.`,
    in: 'body',
    fields,
  })

/** Writes a whole campaign batch or nothing: every variant must exist and be priced in the schedule's currency. */
export const createPriceSchedules =
  (d: CatalogDeps): PriceSchedulesApi['create'] =>
  async (input) => {
    const now = d.clock.now()
    const rows = input.items.map((item) => ({
      id: d.newId('sched'),
      variantId: item.variant_id,
      currency: item.price.currency,
      amount: item.price.amount,
      startsAt: input.starts_at,
      endsAt: input.ends_at,
      createdAt: now,
    }))
    let handles: string[] = []
    const done = await inTx((abort) =>
      d.db.orm.transaction(async (tx) => {
        const targets = await lockScheduleTargets(
          tx,
          rows.map((r) => r.variantId),
        )
        const fields = checkScheduleBatch(input, now, new Map(targets.map((t) => [t.id, t])))
        if (fields.length) abort(invalid(fields))
        if (rows.length) await tx.insert(priceSchedules).values(rows)
        await refreshPriceRanges(
          tx,
          targets.map((t) => t.productId),
          now,
        )
        handles = [...new Set(targets.map((t) => t.handle))]
        return ok(null)
      }),
    )
    if (!done.ok) return done
    await d.invalidate([CATALOG_TAG, ...handles.map(productTag)])
    const created = await selectSchedules(d.db.orm, { ids: rows.map((r) => r.id) }, rows.length)
    const byId = new Map(created.map((r) => [r.id, toPriceSchedule(r, now)]))
    return ok(rows.flatMap((r) => byId.get(r.id) ?? []))
  }
