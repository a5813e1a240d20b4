import { sql } from 'drizzle-orm'
import { compiledSql } from '../../../platform/db/compiled-statement.ts'
import type { Executor } from '../../../platform/db/database.ts'
import type { InventoryApi } from '../contract.ts'
import type { InventoryDeps } from '../deps.ts'
import { releaseWhere } from '../store/reservation-sql.ts'

const notifyLow = async (d: InventoryDeps, rows: readonly { variant_id: string; free: number; quantity: number }[]) => {
  // availability is shown exactly only near sell-out; elsewhere caches may lag (docs/caching.md)
  const crossed = rows.filter((r) => r.free - r.quantity <= d.exactStockBelow).map((r) => r.variant_id)
  if (crossed.length) await d.onStockChanged([...new Set(crossed)])
}

export const releaseStock =
  (d: InventoryDeps): InventoryApi['release'] =>
  async ({ ref, includeCommitted }, tx) => {
    const statuses = includeCommitted ? sql`status in ('active', 'committed')` : sql`status = 'active'`
    const rows = await releaseWhere(tx ?? d.db.orm, sql`ref = ${ref} and ${statuses}`)
    if (!tx) await notifyLow(d, rows)
    return { units: rows.reduce((n, r) => n + r.quantity, 0) }
  }

export const releaseExpired =
  (d: InventoryDeps): InventoryApi['releaseExpired'] =>
  async ({ limit }) => {
    const rows = await releaseWhere(
      d.db.orm,
      sql`id in (select id from inventory.reservations where status = 'active' and expires_at < now()
        order by expires_at limit ${limit} for update skip locked)`,
    )
    await notifyLow(d, rows)
    return { refs: [...new Set(rows.map((r) => r.ref))], units: rows.reduce((n, r) => n + r.quantity, 0) }
  }

/**
 * Active holds of `ref` become committed; one statement that also counts the holds already
 * released (expired), so the caller can tell a complete commit from a partly expired one.
 */
export const commitStock =
  (d: InventoryDeps): InventoryApi['commit'] =>
  async ({ ref }, tx?: Executor) => {
    const [row] = await commitHolds(tx ?? d.db.orm, { ref })
    return { committed: row?.committed ?? 0, released: row?.released ?? 0 }
  }

const commitHolds = compiledSql<{ committed: number; released: number }, { ref: string }>(
  () => sql`with c as (update inventory.reservations set status = 'committed' where ref = ${sql.placeholder('ref')} and status = 'active' returning id)
        select (select count(*) from c)::int as committed,
          (select count(*) from inventory.reservations where ref = ${sql.placeholder('ref')} and status = 'released')::int as released`,
)
