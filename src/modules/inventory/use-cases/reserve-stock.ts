import { err, ok } from '../../../platform/result.ts'
import type { InventoryApi, Reserved } from '../contract.ts'
import type { InventoryDeps } from '../deps.ts'
import { allocate, type Pick } from '../domain/allocate.ts'
import { type Hold, holdUnits, holdWholeAtOneLocation, readFreeStock, unholdUnits } from '../store/reservation-sql.ts'

const ATTEMPTS = 3
const byLockOrder = (a: Pick, b: Pick) => a.variantId.localeCompare(b.variantId) || a.locationId.localeCompare(b.locationId)

type ReserveArgs = Parameters<InventoryApi['reserve']>

/**
 * An order of one variant, held whole at the location the allocation rule picks in that case, as
 * the arguments of `inventory.hold_whole` and the meaning of its answer: reserved, refused when
 * there are not enough units in all locations together, or null when planning is needed (only a
 * split across locations could serve it, or a concurrent buyer took the units between the choice
 * and the write). Null for an order of several variants.
 */
export const wholeHold =
  (d: InventoryDeps): InventoryApi['wholeHold'] =>
  (input) => {
    const variantId = input.lines[0]?.variantId
    if (variantId === undefined || input.lines.some((l) => l.variantId !== variantId)) return null
    const quantity = input.lines.reduce((n, l) => n + l.quantity, 0)
    const id = d.newId('res')
    return {
      hold: { id, ref: input.ref, variantId, quantity, expiresAt: input.expiresAt },
      outcome: (r) => {
        if (r.held) {
          return ok({
            reservations: [{ id, variant_id: variantId, location_id: r.locationId, quantity }],
            lowStockVariantIds: r.free <= d.exactStockBelow ? [variantId] : [],
          })
        }
        if (r.available < quantity) {
          const variants = [{ variant_id: variantId, requested: quantity, available: r.available }]
          return err({ code: 'INVENTORY_INSUFFICIENT_STOCK', message: 'Not enough stock.', variants })
        }
        return null
      },
    }
  }

/** An order of one variant, in one statement (see wholeHold); null when it needs planning or has several variants. */
const reserveOneVariant = async (d: InventoryDeps, tx: ReserveArgs[0], input: ReserveArgs[1]): Promise<Reserved | null> => {
  const plan = wholeHold(d)(input)
  return plan ? plan.outcome(await holdWholeAtOneLocation(tx, plan.hold)) : null
}

/**
 * Reserves every line inside the caller's transaction, or nothing. An order of one variant first
 * tries the one-statement hold (reserveOneVariant), unless the caller has tried it already.
 * Otherwise: plan from current free stock, then one conditional write per pick in a fixed lock
 * order (no deadlocks), each recording its reservation; if a concurrent buyer took units in
 * between, undo what was held and plan again.
 */
export const reserveStock =
  (d: InventoryDeps): InventoryApi['reserve'] =>
  async (tx, input) => {
    const quick = input.wholeHoldTried ? null : await reserveOneVariant(d, tx, input)
    if (quick) return quick
    const variantIds = [...new Set(input.lines.map((l) => l.variantId))]
    for (let attempt = 1; ; attempt++) {
      const plan = allocate(input.lines, await readFreeStock(tx, variantIds))
      if (!plan.ok) return err({ code: 'INVENTORY_INSUFFICIENT_STOCK', message: 'Not enough stock.', variants: plan.error })
      const picks = [...plan.value].sort(byLockOrder)
      const held: Hold[] = []
      const lowAfter: string[] = []
      for (const p of picks) {
        const hold = { ...p, id: d.newId('res'), ref: input.ref, expiresAt: input.expiresAt }
        const free = await holdUnits(tx, hold)
        if (free === null) break
        held.push(hold)
        if (free <= d.exactStockBelow) lowAfter.push(p.variantId)
      }
      if (held.length === picks.length) {
        return ok({
          reservations: held.map((h) => ({ id: h.id, variant_id: h.variantId, location_id: h.locationId, quantity: h.quantity })),
          lowStockVariantIds: [...new Set(lowAfter)],
        })
      }
      for (const h of held) await unholdUnits(tx, h)
      if (attempt >= ATTEMPTS) {
        const fresh = allocate(input.lines, await readFreeStock(tx, variantIds))
        const variants = fresh.ok ? input.lines.map((l) => ({ variant_id: l.variantId, requested: l.quantity, available: 0 })) : fresh.error
        return err({ code: 'INVENTORY_INSUFFICIENT_STOCK', message: 'Not enough stock.', variants })
      }
    }
  }
