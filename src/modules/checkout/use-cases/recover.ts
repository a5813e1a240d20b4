import { eq, lt } from 'drizzle-orm'
import type { CheckoutApi } from '../contract.ts'
import type { CheckoutDeps } from '../deps.ts'
import { pendingPayments } from '../schema.ts'
import { settleFailed, settlePaid } from './settle-payment.ts'

const linesOf = async (d: CheckoutDeps, orderId: string) => {
  const o = await d.orders.getOrder(orderId)
  return o.ok ? o.value.items.map((i) => ({ variantId: i.variant_id, quantity: i.quantity })) : []
}

/** Reservations past their expiry go back; their orders, never paid, are canceled. */
export const releaseExpired =
  (d: CheckoutDeps): CheckoutApi['releaseExpired'] =>
  async () => {
    const { refs, units } = await d.inventory.releaseExpired({ limit: 500 })
    let canceled = 0
    for (const orderId of refs) {
      const [pending] = await d.db.orm.select().from(pendingPayments).where(eq(pendingPayments.orderId, orderId))
      if (!pending) continue
      await d.payments.void({ orderId }) // in case the gateway did authorise before a crash
      await settleFailed(d, { orderId, cartId: pending.cartId, lines: await linesOf(d, orderId), gated: [], note: 'reservation expired before payment' })
      canceled++
    }
    return { released: units, canceled }
  }

/**
 * Crash recovery: a payment started but never settled is asked again with the same idempotency
 * key, so the gateway answers with its first result and nothing is charged twice.
 */
export const reconcilePending =
  (d: CheckoutDeps): CheckoutApi['reconcilePending'] =>
  async () => {
    const before = new Date(d.clock.now().getTime() - d.options.reconcileAfterSeconds * 1000)
    const stale = await d.db.orm.select().from(pendingPayments).where(lt(pendingPayments.createdAt, before)).limit(50)
    let placed = 0
    let canceled = 0
    for (const p of stale) {
      const auth = await d.payments.authorize({
        orderId: p.orderId, amount: { amount: p.amount, currency: p.currency }, provider: p.provider, token: p.token, idempotencyKey: `auth_${p.orderId}`,
      })
      if (auth.ok && (await settlePaid(d, p.orderId, p.cartId))) {
        placed++
        continue
      }
      if (auth.ok) await d.payments.void({ orderId: p.orderId })
      if (!auth.ok && (auth.error.code === 'PAYMENTS_UNAVAILABLE' || auth.error.code === 'PAYMENTS_IN_PROGRESS')) continue // try again next round
      await settleFailed(d, { orderId: p.orderId, cartId: p.cartId, lines: await linesOf(d, p.orderId), gated: [], note: 'settled by reconciliation' })
      canceled++
    }
    return { placed, canceled }
  }
