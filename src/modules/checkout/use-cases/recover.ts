import { eq, lt } from 'drizzle-orm'
import type { CheckoutApi } from '../contract.ts'
import type { CheckoutDeps } from '../deps.ts'
import { pendingPayments } from '../schema.ts'
import { inOpenSales } from './admit-lines.ts'
import { settleFailed, settlePaid } from './settle-payment.ts'

type PendingPayment = typeof pendingPayments.$inferSelect

const linesOf = async (d: CheckoutDeps, orderId: string) => {
  const o = await d.orders.getOrder(orderId)
  return o.ok ? o.value.items.map((i) => ({ variantId: i.variant_id, quantity: i.quantity })) : []
}

/**
 * Crash recovery: asks the gateway again with the checkout's own idempotency key, so it answers
 * with its first result (an authorisation made before a crash comes back; nothing is charged twice).
 * With `place`, an authorised order whose reservation still holds is placed; otherwise what the
 * gateway authorised is voided. 'unknown' while the gateway cannot tell yet (unavailable, still
 * processing the first call) or the void failed: ask again later.
 */
const askGatewayAgain = async (d: CheckoutDeps, p: PendingPayment, o: { place: boolean }): Promise<'placed' | 'failed' | 'unknown'> => {
  const auth = await d.payments.authorize({
    orderId: p.orderId,
    amount: { amount: p.amount, currency: p.currency },
    provider: p.provider,
    token: p.token,
    idempotencyKey: `auth_${p.orderId}`,
  })
  if (!auth.ok) return auth.error.code === 'PAYMENTS_UNAVAILABLE' || auth.error.code === 'PAYMENTS_IN_PROGRESS' ? 'unknown' : 'failed'
  if (o.place && (await settlePaid(d, p.orderId, p.cartId))) return 'placed'
  return (await d.payments.void({ orderId: p.orderId })).ok ? 'failed' : 'unknown'
}

/**
 * Reservations past their expiry go back; their orders, never paid, are canceled, and an
 * authorisation the gateway made before a crash is voided. While the gateway's answer is unknown
 * the pending payment is kept, so reconciliation voids an authorisation that shows up later.
 */
export const releaseExpired =
  (d: CheckoutDeps): CheckoutApi['releaseExpired'] =>
  async () => {
    const { refs, units } = await d.inventory.releaseExpired({ limit: 500 })
    let canceled = 0
    for (const orderId of refs) {
      const [pending] = await d.db.orm.select().from(pendingPayments).where(eq(pendingPayments.orderId, orderId))
      if (!pending) continue
      const outcome = await askGatewayAgain(d, pending, { place: false })
      const note = 'reservation expired before payment'
      const lines = await linesOf(d, orderId)
      const gated = await inOpenSales(d, lines)
      if (await settleFailed(d, { orderId, cartId: pending.cartId, lines, gated, note, keepPending: outcome === 'unknown' })) canceled++
    }
    return { released: units, canceled }
  }

/** Crash recovery: a payment started but never settled is settled with what the gateway says. */
export const reconcilePending =
  (d: CheckoutDeps): CheckoutApi['reconcilePending'] =>
  async () => {
    const before = new Date(d.clock.now().getTime() - d.options.reconcileAfterSeconds * 1000)
    const stale = await d.db.orm.select().from(pendingPayments).where(lt(pendingPayments.createdAt, before)).limit(50)
    let placed = 0
    let canceled = 0
    for (const p of stale) {
      const outcome = await askGatewayAgain(d, p, { place: true })
      if (outcome === 'placed') placed++
      if (outcome !== 'failed') continue // placed, or try again next round
      const lines = await linesOf(d, p.orderId)
      const gated = await inOpenSales(d, lines)
      if (await settleFailed(d, { orderId: p.orderId, cartId: p.cartId, lines, gated, note: 'settled by reconciliation' })) canceled++
    }
    return { placed, canceled }
  }
