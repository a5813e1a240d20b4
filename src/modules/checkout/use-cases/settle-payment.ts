import { eq } from 'drizzle-orm'
import type { Order } from '../../orders/index.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { pendingPayments } from '../schema.ts'
import type { CheckoutDeps } from '../deps.ts'
import { gateKey } from '../deps.ts'
import { forgetPendingPayment } from '../store/pending-payments.ts'

/**
 * Payment went through: the order is placed, its reservation no longer expires, the cart is done.
 * Returns the placed order, or null when any of its holds had already been released (expired
 * during a very long payment, even for one line only): the caller must then undo the payment.
 */
export const settlePaid = async (d: CheckoutDeps, orderId: string, cartId: string): Promise<Order | null> =>
  d.db.orm.transaction(async (tx) => {
    const held = await d.inventory.commit({ ref: orderId }, tx)
    if (held.released > 0) return null // the compensation releases the holds committed just now too
    const placed = await must(
      d.orders.transitionMany(
        {
          orderId,
          changes: [
            { field: 'payment_status', to: 'authorized' },
            { field: 'status', to: 'placed' },
          ],
        },
        tx,
      ),
    )
    await d.cart.setStatus(cartId, 'completed', tx)
    await forgetPendingPayment(tx, orderId)
    return placed.ok ? placed.value : null
  })

/**
 * Compensation when payment fails: stock, promotion uses and flash-sale admissions go back; the cart
 * reopens. Only an order still pending is compensated, so one canceled already (its reservation
 * expired while the gateway's answer was unknown) is not compensated twice: its pending payment is
 * just settled. `keepPending` keeps the pending payment for reconciliation. True when this call
 * canceled the order; only then do the `gated` lines' units go back to the flash-sale gate.
 */
export const settleFailed = async (
  d: CheckoutDeps,
  o: {
    orderId: string
    cartId: string
    lines: readonly { variantId: string; quantity: number }[]
    gated: readonly string[]
    note: string
    keepPending?: boolean
  },
): Promise<boolean> => {
  const pending = eq(pendingPayments.orderId, o.orderId)
  const canceledNow = await d.db.orm.transaction(async (tx: Executor) => {
    await tx.select({ orderId: pendingPayments.orderId }).from(pendingPayments).where(pending).for('update') // one settlement at a time
    const order = await d.orders.getOrder(o.orderId, tx)
    const open = order.ok && order.value.status === 'pending'
    if (open) {
      await d.inventory.release({ ref: o.orderId, includeCommitted: true }, tx)
      await d.releasePromotions({ orderId: o.orderId }, tx)
      const p = await d.orders.transition({ orderId: o.orderId, field: 'payment_status', to: 'failed', note: o.note }, tx)
      if (p.ok) await d.orders.transition({ orderId: o.orderId, field: 'status', to: 'canceled', note: o.note }, tx)
      await d.cart.setStatus(o.cartId, 'active', tx)
    }
    if (!o.keepPending) await forgetPendingPayment(tx, o.orderId)
    return open
  })
  if (!canceledNow) return false // whoever canceled it gave its units back (stock and gate)
  await d.inventory.refreshAvailability(o.lines.map((l) => l.variantId))
  for (const l of o.lines) if (o.gated.includes(l.variantId)) await d.gate.giveBack(gateKey(l.variantId), l.quantity)
  return true
}

const must = async <T extends { ok: boolean }>(p: Promise<T>): Promise<T> => {
  const r = await p
  if (!r.ok) throw new Error(`order transition refused: ${JSON.stringify(r)}`)
  return r
}
