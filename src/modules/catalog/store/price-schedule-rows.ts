import { and, desc, eq, gt, inArray, lt, lte, or, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { PriceSchedule, PriceScheduleStatus } from '../contract.ts'
import { scheduleStatus } from '../domain/schedule-status.ts'
import { priceSchedules, products, variantPrices, variants } from '../schema.ts'

const s = priceSchedules

/** A schedule with what a reader wants beside it: the variant's product, SKU and regular price. */
const viewQuery = (db: Executor) =>
  db
    .select({
      id: s.id,
      variantId: s.variantId,
      currency: s.currency,
      amount: s.amount,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      createdAt: s.createdAt,
      productId: variants.productId,
      handle: products.handle,
      sku: variants.sku,
      regular: variantPrices.amount,
    })
    .from(s)
    .leftJoin(variants, eq(variants.id, s.variantId))
    .leftJoin(products, eq(products.id, variants.productId))
    .leftJoin(variantPrices, and(eq(variantPrices.variantId, s.variantId), eq(variantPrices.currency, s.currency)))

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['where']>>[number]

export const toPriceSchedule = (r: ViewRow, now: Date): PriceSchedule => ({
  id: r.id,
  variant_id: r.variantId,
  product_id: r.productId,
  product_handle: r.handle,
  sku: r.sku,
  price: { amount: r.amount, currency: r.currency },
  regular_price: r.regular === null ? null : { amount: r.regular, currency: r.currency },
  starts_at: r.startsAt.toISOString(),
  ends_at: r.endsAt.toISOString(),
  status: scheduleStatus(r, now),
  created_at: r.createdAt.toISOString(),
})

export const statusCondition = (status: PriceScheduleStatus, at: Date): SQL | undefined => {
  switch (status) {
    case 'upcoming':
      return gt(s.startsAt, at)
    case 'active':
      return and(lte(s.startsAt, at), gt(s.endsAt, at))
    case 'ended':
      return lte(s.endsAt, at)
  }
}

export type ScheduleFilter = {
  readonly ids?: readonly string[]
  readonly variantId?: string
  readonly productId?: string
  readonly status?: { readonly is: PriceScheduleStatus; readonly at: Date }
  /** keyset: rows strictly after this one in (starts_at desc, id desc) order */
  readonly after?: { readonly startsAt: Date; readonly id: string }
}

/** Schedules matching the filter, latest start first (then id), with their product and regular price. */
export const selectSchedules = (db: Executor, f: ScheduleFilter, limit: number) => {
  const where = [
    f.ids && inArray(s.id, [...f.ids]),
    f.variantId !== undefined && eq(s.variantId, f.variantId),
    f.productId !== undefined && eq(variants.productId, f.productId),
    f.status && statusCondition(f.status.is, f.status.at),
    f.after && or(lt(s.startsAt, f.after.startsAt), and(eq(s.startsAt, f.after.startsAt), lt(s.id, f.after.id))),
  ].filter((c): c is SQL => Boolean(c))
  return viewQuery(db)
    .where(and(...where))
    .orderBy(desc(s.startsAt), desc(s.id))
    .limit(limit)
}

/** The variants a batch names, locked against deletion until the batch commits, with their priced currencies. */
export const lockScheduleTargets = async (tx: Executor, variantIds: readonly string[]) => {
  if (variantIds.length === 0) return []
  const found = await tx
    .select({ id: variants.id, productId: variants.productId })
    .from(variants)
    .where(inArray(variants.id, [...new Set(variantIds)]))
    .for('share')
  if (found.length === 0) return []
  const [owners, prices] = await Promise.all([
    tx
      .select({ id: products.id, handle: products.handle })
      .from(products)
      .where(inArray(products.id, [...new Set(found.map((v) => v.productId))])),
    tx
      .select({ variantId: variantPrices.variantId, currency: variantPrices.currency })
      .from(variantPrices)
      .where(
        inArray(
          variantPrices.variantId,
          found.map((v) => v.id),
        ),
      ),
  ])
  const handleOf = new Map(owners.map((p) => [p.id, p.handle]))
  return found.map((v) => ({
    ...v,
    handle: handleOf.get(v.productId) ?? '',
    currencies: prices.filter((p) => p.variantId === v.id).map((p) => p.currency),
  }))
}

/** Product ids and handles of the variants these schedules price (deleted variants are skipped). */
export const productsOfVariants = (db: Executor, variantIds: readonly string[]) =>
  variantIds.length === 0
    ? Promise.resolve([])
    : db
        .selectDistinct({ id: products.id, handle: products.handle })
        .from(variants)
        .innerJoin(products, eq(products.id, variants.productId))
        .where(inArray(variants.id, [...new Set(variantIds)]))

/** Products with a schedule that starts or ends inside one of these (from, to] windows. */
export const productsWithBoundaries = (db: Executor, windows: readonly { readonly from: Date; readonly to: Date }[]) => {
  const inside = (col: typeof s.startsAt | typeof s.endsAt) => windows.map((w) => and(gt(col, w.from), lte(col, w.to)))
  return db
    .selectDistinct({ id: products.id, handle: products.handle })
    .from(s)
    .innerJoin(variants, eq(variants.id, s.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(or(...inside(s.startsAt), ...inside(s.endsAt)))
}
