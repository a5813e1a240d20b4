import { eq, sql } from 'drizzle-orm'
import { type Order, type OrderJson, orderFromJson, placePaidArgs } from '../../orders/index.ts'
import { compiledSql } from '../../../platform/db/compiled-statement.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { pendingPayments } from '../schema.ts'
import type { CheckoutDeps } from '../deps.ts'
import { gateKey } from '../deps.ts'
import { forgetPendingPayment } from '../store/pending-payments.ts'

type SettleValues = {
  orderId: string
  cartId: string
  now: string
  paymentAllowed: string
  statusAllowed: string
  historyIds: string
  eventIds: string
}

const p = (name: keyof SettleValues) => sql.placeholder(name)

/** One call of `checkout.settle_paid` (migration 0012, decision 0025): one round trip, no begin or commit. */
const settleStatement = compiledSql<{ placed: OrderJson | null }, SettleValues>(
  () => sql`select checkout.settle_paid(${p('orderId')}, ${p('cartId')}, ${p('now')}::timestamptz, ${p('paymentAllowed')}::jsonb,
    ${p('statusAllowed')}::jsonb, ${p('historyIds')}::jsonb, ${p('eventIds')}::jsonb) as placed`,
)

/**
 * Payment went through: the order is placed, its reservation no longer expires, the cart is done,
 * in one transaction (the database function does the writes the modules describe: inventory
 * commits the holds, orders moves the statuses with history and events, the cart closes).
 * Returns the placed order, or null when any of its holds had already been released (expired
 * during a very long payment, even for one line only): the caller must then undo the payment.
 */
export const settlePaid = async (d: CheckoutDeps, orderId: string, cartId: string): Promise<Order | null> => {
  const [row] = await settleStatement(d.db.orm, {
    orderId,
    cartId,
    now: d.clock.now().toISOString(),
    ...placePaidArgs(() => d.newId('hist')),
  })
  const placed = row?.placed
  if (!placed) return null // the compensation releases the holds committed just now too
  return orderFromJson(typeof placed === 'string' ? (JSON.parse(placed) as OrderJson) : placed)
}

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
