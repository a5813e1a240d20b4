import { eq } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { pendingPayments } from '../schema.ts'
import type { CheckoutDeps } from '../deps.ts'
import { gateKey } from '../deps.ts'

/**
 * Payment went through: the order is placed, its reservation no longer expires, the cart is done.
 * Returns false when the reservation had already been released (expired during a very long
 * payment): the caller must then undo the payment.
 */
export const settlePaid = async (d: CheckoutDeps, orderId: string, cartId: string): Promise<boolean> =>
  d.db.orm.transaction(async (tx) => {
    const held = await d.inventory.commit({ ref: orderId }, tx)
    if (held.committed === 0 && held.released > 0) return false
    await must(d.orders.transition({ orderId, field: 'payment_status', to: 'authorized' }, tx))
    await must(d.orders.transition({ orderId, field: 'status', to: 'placed' }, tx))
    await d.cart.setStatus(cartId, 'completed', tx)
    await tx.delete(pendingPayments).where(eq(pendingPayments.orderId, orderId))
    return true
  })

/** Compensation when payment fails: stock, promotion uses and flash-sale admissions go back; the cart reopens. */
export const settleFailed = async (
  d: CheckoutDeps,
  o: { orderId: string; cartId: string; lines: readonly { variantId: string; quantity: number }[]; gated: readonly string[]; note: string },
) => {
  let changed: string[] = []
  await d.db.orm.transaction(async (tx: Executor) => {
    await d.inventory.release({ ref: o.orderId, includeCommitted: true }, tx)
    await d.releasePromotions({ orderId: o.orderId }, tx)
    const p = await d.orders.transition({ orderId: o.orderId, field: 'payment_status', to: 'failed', note: o.note }, tx)
    if (p.ok) await d.orders.transition({ orderId: o.orderId, field: 'status', to: 'canceled', note: o.note }, tx)
    await d.cart.setStatus(o.cartId, 'active', tx)
    await tx.delete(pendingPayments).where(eq(pendingPayments.orderId, o.orderId))
    changed = o.lines.map((l) => l.variantId)
  })
  await d.inventory.refreshAvailability(changed)
  for (const l of o.lines) if (o.gated.includes(l.variantId)) await d.gate.giveBack(gateKey(l.variantId), l.quantity)
}

const must = async <T extends { ok: boolean }>(p: Promise<T>): Promise<T> => {
  const r = await p
  if (!r.ok) throw new Error(`order transition refused: ${JSON.stringify(r)}`)
  return r
}
