import { type SQL, sql } from 'drizzle-orm'
import { compiledSql, LIST_SHAPES_UP_TO, listValues, perShape, placeholderList } from '../../../platform/db/compiled-statement.ts'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { FreeStock, Pick } from '../domain/allocate.ts'
import type { WholeHold } from '../contract.ts'

const list = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )

/** Free units per variant and storefront location. */
export const readFreeStock = (db: Executor, variantIds: readonly string[]) =>
  variantIds.length > 0 && variantIds.length <= LIST_SHAPES_UP_TO
    ? freeStockOf(variantIds.length)(db, listValues('v', variantIds))
    : queryRows<FreeStock>(db, freeStockSql(list(variantIds)))

const freeStockSql = (ids: SQL) => sql`
    select s.variant_id as "variantId", s.location_id as "locationId", (s.on_hand - s.reserved)::int as free
    from inventory.stock_levels s join inventory.stock_locations l on l.id = s.location_id
    where l.serves_storefront and s.variant_id in (${ids})`

/** Look-ups of up to LIST_SHAPES_UP_TO variants are built once per count (a cart has a few lines). */
const freeStockOf = perShape((n: number) => compiledSql<FreeStock, Record<string, unknown>>(() => freeStockSql(placeholderList('v', n))))

/** A hold and the reservation that records it: the reservation row exists only if the units were taken. */
export type Hold = Pick & { readonly id: string; readonly ref: string; readonly expiresAt: Date }

/**
 * The conditional write: takes units only if they are free at that instant, and records the
 * reservation in the same statement. Null when they are not free (then nothing is written).
 */
export const holdUnits = async (db: Executor, h: Hold): Promise<number | null> => {
  const rows = await holdStatement(db, {
    id: h.id,
    ref: h.ref,
    variantId: h.variantId,
    locationId: h.locationId,
    quantity: h.quantity,
    expiresAt: h.expiresAt.toISOString(),
  })
  return rows[0]?.free ?? null
}

const holdStatement = compiledSql<{ free: number }, Omit<Hold, 'expiresAt'> & { expiresAt: string }>(() => {
  const p = (name: keyof Hold) => sql.placeholder(name)
  return sql`
    with held as (
      update inventory.stock_levels set reserved = reserved + ${p('quantity')}, updated_at = now()
      where variant_id = ${p('variantId')} and location_id = ${p('locationId')} and on_hand - reserved >= ${p('quantity')}
      returning (on_hand - reserved)::int as free
    ), recorded as (
      insert into inventory.reservations (id, ref, variant_id, location_id, quantity, expires_at)
      select ${p('id')}, ${p('ref')}, ${p('variantId')}, ${p('locationId')}, ${p('quantity')}, ${p('expiresAt')}::timestamptz from held
    )
    select free from held`
})

/**
 * The whole quantity of one variant from one storefront location, in one statement: the location
 * the allocation rule would pick (most free units, then lowest id) among those that can serve it
 * all, held by the same conditional write as `holdUnits` and recorded. When nothing was held (no
 * location could serve it all, or a concurrent buyer took the units first), nothing is written and
 * the answer gives the free units over all storefront locations, so the caller knows whether
 * planning across locations can help. One round trip instead of a read and a write. The statement
 * is the database function `inventory.hold_whole` (migration 0013), which `checkout.place` calls too.
 */
export const holdWholeAtOneLocation = async (db: Executor, h: Omit<Hold, 'locationId'>): Promise<WholeHold> => {
  const [row] = await wholeHoldStatement(db, {
    id: h.id,
    ref: h.ref,
    variantId: h.variantId,
    quantity: h.quantity,
    expiresAt: h.expiresAt.toISOString(),
  })
  if (!row) throw new Error('the one-location hold answered no row')
  return row.locationId === null
    ? { held: false, available: row.available ?? 0 }
    : { held: true, locationId: row.locationId, free: row.free ?? 0 }
}

const wholeHoldStatement = compiledSql<
  { locationId: string | null; free: number | null; available: number | null },
  Omit<Hold, 'expiresAt' | 'locationId'> & { expiresAt: string }
>(() => {
  const p = (name: keyof Hold) => sql.placeholder(name)
  return sql`select location_id as "locationId", free, available
    from inventory.hold_whole(${p('id')}, ${p('ref')}, ${p('variantId')}, ${p('quantity')}::int, ${p('expiresAt')}::timestamptz)`
})

/** Undoes a hold of this transaction: its reservation row goes and its units are free again. */
export const unholdUnits = (db: Executor, h: Hold) =>
  db.execute(sql`
    with gone as (delete from inventory.reservations where id = ${h.id})
    update inventory.stock_levels set reserved = reserved - ${h.quantity}, updated_at = now()
    where variant_id = ${h.variantId} and location_id = ${h.locationId}`)

type Released = { variant_id: string; location_id: string; quantity: number; free: number; ref: string }

/**
 * Flips matching reservations to released and gives their units back, in one statement, so a
 * reservation is released at most once however many callers race (expiry job, compensation).
 */
export const releaseWhere = (db: Executor, where: ReturnType<typeof sql>) =>
  queryRows<Released>(
    db,
    sql`
    with r as (
      update inventory.reservations set status = 'released'
      where ${where}
      returning ref, variant_id, location_id, quantity
    ), g as (
      select variant_id, location_id, sum(quantity)::int as quantity from r group by variant_id, location_id
    ), s as (
      update inventory.stock_levels st set reserved = st.reserved - g.quantity, updated_at = now()
      from g where st.variant_id = g.variant_id and st.location_id = g.location_id
      returning st.variant_id, st.location_id, (st.on_hand - st.reserved)::int as free
    )
    select r.ref, r.variant_id, r.location_id, r.quantity, s.free
    from r join s on s.variant_id = r.variant_id and s.location_id = r.location_id`,
  )
