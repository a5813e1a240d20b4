import { eq, sql } from 'drizzle-orm'
import { err, ok } from '../../../platform/result.ts'
import type { InventoryApi } from '../contract.ts'
import type { InventoryDeps } from '../deps.ts'
import { stockLevels, stockLocations } from '../schema.ts'

/**
 * Puts units back on hand at a location (returned goods): one conditional write, `on_hand + q`,
 * creating the level when the location never held the variant. In the caller's transaction when
 * given, so a return's receipt and its restock commit together. The caller refreshes availability
 * after its commit (`refreshAvailability`).
 */
export const restock =
  (d: InventoryDeps): InventoryApi['restock'] =>
  async ({ variantId, locationId, quantity }, tx) => {
    const ex = tx ?? d.db.orm
    if (!Number.isSafeInteger(quantity) || quantity <= 0)
      return err({ code: 'INVENTORY_INVALID_QUANTITY', message: 'A restock adds a whole number of units, at least 1.' })
    const [location] = await ex.select({ id: stockLocations.id }).from(stockLocations).where(eq(stockLocations.id, locationId)).limit(1)
    if (!location) return err({ code: 'INVENTORY_UNKNOWN_LOCATION', message: `No stock location "${locationId}".` })
    const [row] = await ex
      .insert(stockLevels)
      .values({ variantId, locationId, onHand: quantity, reserved: 0 })
      .onConflictDoUpdate({
        target: [stockLevels.variantId, stockLevels.locationId],
        set: { onHand: sql`${stockLevels.onHand} + ${quantity}`, updatedAt: sql`now()` },
      })
      .returning({ onHand: stockLevels.onHand, reserved: stockLevels.reserved })
    return ok({ location_id: locationId, on_hand: row?.onHand ?? quantity, reserved: row?.reserved ?? 0 })
  }
