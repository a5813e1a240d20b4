import { sql } from 'drizzle-orm'
import { queryRows } from '../../../platform/db/database.ts'
import type { InventoryApi } from '../contract.ts'
import type { InventoryDeps } from '../deps.ts'

/**
 * A parcel left a location: its committed reservations become `fulfilled` and their units leave
 * the shelf (`on_hand − q`, `reserved − q`), in one statement, so free stock does not change and a
 * repeated call (a redelivered tracking event) moves nothing the second time.
 */
export const shipStock =
  (d: InventoryDeps): InventoryApi['ship'] =>
  async ({ ref, locationId }, tx) => {
    const [row] = await queryRows<{ units: number }>(
      tx ?? d.db.orm,
      sql`with r as (
          update inventory.reservations set status = 'fulfilled'
          where ref = ${ref} and location_id = ${locationId} and status = 'committed'
          returning variant_id, location_id, quantity
        ), g as (
          select variant_id, location_id, sum(quantity)::int as quantity from r group by variant_id, location_id
        ), s as (
          update inventory.stock_levels st
          set on_hand = st.on_hand - g.quantity, reserved = st.reserved - g.quantity, updated_at = now()
          from g where st.variant_id = g.variant_id and st.location_id = g.location_id
          returning g.quantity
        )
        select coalesce(sum(quantity), 0)::int as units from s`,
    )
    return { units: row?.units ?? 0 }
  }
