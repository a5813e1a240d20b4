import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'

export type LowStock = { readonly variantId: string; readonly available: number }

/**
 * Variants whose sellable stock (on hand − reserved over the locations that serve the storefront) is at or
 * below `atOrBelow`, fewest first; at most `limit`. For the admin dashboard's alerts.
 */
export const lowStockLevels = async (db: Executor, q: { atOrBelow: number; limit: number }): Promise<readonly LowStock[]> => {
  const rows = await queryRows<{ variant_id: string; available: string }>(
    db,
    sql`select s.variant_id, sum(s.on_hand - s.reserved) as available
        from inventory.stock_levels s join inventory.stock_locations l on l.id = s.location_id
        where l.serves_storefront
        group by s.variant_id having sum(s.on_hand - s.reserved) <= ${q.atOrBelow}
        order by available, s.variant_id limit ${q.limit}`,
  )
  return rows.map((r) => ({ variantId: r.variant_id, available: Number(r.available) }))
}
