import { and, asc, eq, sql } from 'drizzle-orm'
import { queryRows } from '../../platform/db/database.ts'
import type { InventoryDeps } from './deps.ts'
import { err, ok } from '../../platform/result.ts'
import { reserveStock, wholeHold } from './use-cases/reserve-stock.ts'
import { restock } from './use-cases/restock.ts'
import { shipStock } from './use-cases/ship-stock.ts'
import { commitStock, releaseExpired, releaseStock } from './use-cases/release-stock.ts'
import type { InventoryApi, StockLocation } from './contract.ts'
import { reservations, stockLevels, stockLocations } from './schema.ts'

const toLocation = (l: typeof stockLocations.$inferSelect): StockLocation => ({
  id: l.id,
  name: l.name,
  serves_storefront: l.servesStorefront,
  is_default: l.isDefault,
})

export const createInventory = (d: InventoryDeps): InventoryApi => {
  const getLevels = async (variantId: string) => {
    const rows = await d.db.orm.select().from(stockLevels).where(eq(stockLevels.variantId, variantId)).orderBy(asc(stockLevels.locationId))
    return { variant_id: variantId, levels: rows.map((r) => ({ location_id: r.locationId, on_hand: r.onHand, reserved: r.reserved })) }
  }

  return {
    reserve: reserveStock(d),
    wholeHold: wholeHold(d),
    commit: commitStock(d),
    release: releaseStock(d),
    ship: shipStock(d),
    releaseExpired: releaseExpired(d),
    refreshAvailability: async (ids) => {
      if (ids.length) await d.onStockChanged(ids)
    },
    listReservations: async (ref, tx) =>
      (await (tx ?? d.db.orm).select().from(reservations).where(eq(reservations.ref, ref)).orderBy(asc(reservations.id))).map((r) => ({
        id: r.id,
        variant_id: r.variantId,
        location_id: r.locationId,
        quantity: r.quantity,
        status: r.status,
        expires_at: r.expiresAt.toISOString(),
      })),
    availableFor: async (variantIds) => {
      if (variantIds.length === 0) return new Map()
      const rows = await queryRows<{ variant_id: string; available: number }>(
        d.db.orm,
        sql`
        select s.variant_id, sum(s.on_hand - s.reserved)::int as available
        from inventory.stock_levels s join inventory.stock_locations l on l.id = s.location_id
        where l.serves_storefront and s.variant_id in (${sql.join(
          variantIds.map((v) => sql`${v}`),
          sql`, `,
        )})
        group by s.variant_id`,
      )
      return new Map(rows.map((r) => [r.variant_id, r.available]))
    },

    getStock: async (variantId) => {
      if (!(await d.variantExists(variantId))) return err({ code: 'INVENTORY_UNKNOWN_VARIANT', message: `No variant "${variantId}".` })
      return ok(await getLevels(variantId))
    },

    setOnHand: async ({ variantId, onHand, locationId }) => {
      if (!(await d.variantExists(variantId))) return err({ code: 'INVENTORY_UNKNOWN_VARIANT', message: `No variant "${variantId}".` })
      const [location] = await d.db.orm
        .select()
        .from(stockLocations)
        .where(locationId ? eq(stockLocations.id, locationId) : eq(stockLocations.isDefault, true))
        .limit(1)
      if (!location)
        return err({
          code: 'INVENTORY_UNKNOWN_LOCATION',
          message: locationId ? `No stock location "${locationId}".` : 'No default stock location is set.',
        })
      // One conditional write: never below what is reserved, never read-then-write.
      const written = await d.db.orm
        .insert(stockLevels)
        .values({ variantId, locationId: location.id, onHand, reserved: 0 })
        .onConflictDoUpdate({
          target: [stockLevels.variantId, stockLevels.locationId],
          set: { onHand, updatedAt: sql`now()` },
          setWhere: sql`${stockLevels.reserved} <= ${onHand}`,
        })
        .returning({ reserved: stockLevels.reserved })
      if (written.length === 0) {
        const [row] = await d.db.orm
          .select()
          .from(stockLevels)
          .where(and(eq(stockLevels.variantId, variantId), eq(stockLevels.locationId, location.id)))
        const reserved = row?.reserved ?? 0
        return err({
          code: 'INVENTORY_BELOW_RESERVED',
          message: `${reserved} units are reserved at ${location.id}; on_hand cannot go below that.`,
          reserved,
        })
      }
      await d.onStockChanged([variantId])
      return ok(await getLevels(variantId))
    },

    restock: restock(d),

    listLocations: async () => (await d.db.orm.select().from(stockLocations).orderBy(asc(stockLocations.id))).map(toLocation),

    ensureLocation: async (l) => {
      await d.db.orm
        .insert(stockLocations)
        .values({ id: l.id, name: l.name, servesStorefront: l.serves_storefront, isDefault: l.is_default })
        .onConflictDoNothing()
    },

    importStock: async (levels) => {
      let n = 0
      for (let i = 0; i < levels.length; i += 1000) {
        const batch = levels.slice(i, i + 1000)
        const r = await d.db.orm
          .insert(stockLevels)
          .values(batch.map((l) => ({ variantId: l.variant_id, locationId: l.location_id, onHand: l.on_hand })))
          .onConflictDoNothing()
          .returning({ v: stockLevels.variantId })
        n += r.length
      }
      return n
    },
  }
}

export type { InventoryDeps }
