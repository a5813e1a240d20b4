import { eq } from 'drizzle-orm'
import type { AmbiguousResolution } from '../../payments/index.ts'
import type { CheckoutApi } from '../contract.ts'
import type { CheckoutDeps } from '../deps.ts'
import { pendingPayments } from '../schema.ts'
import { settleFailed, settlePaid } from './settle-payment.ts'

/** How long a gateway that never saw an ambiguous attempt's key is asked again before the attempt is closed. */
export const DEFAULT_AMBIGUOUS_NOT_FOUND_FINAL_SECONDS = 600

type Tally = Record<AmbiguousResolution, number>

/** An adopted authorisation places its order; when the reservation is gone, it is voided and the order canceled. */
const placeAdopted = async (d: CheckoutDeps, orderId: string, cartId: string): Promise<void> => {
  if (await settlePaid(d, orderId, cartId)) return
  await d.payments.void({ orderId })
  await settleFailed(d, { orderId, cartId, lines: [], gated: [], note: 'reservation expired before a late authorisation was found' })
}

/**
 * Recovery of ambiguous authorisations (decision 0018): each authorise attempt that timed out or
 * broke after sending, older than PAYMENT_RECONCILE_AFTER_SECONDS (no checkout is still waiting on
 * it), is settled with its gateway by the same idempotency key. A late authorisation of an order
 * still pending with no payment is adopted and the order placed; any other is voided. A gateway
 * that never saw the key is asked again until the attempt is `notFoundFinalSeconds` old.
 */
export const recoverAmbiguousPayments =
  (d: CheckoutDeps, o: { notFoundFinalSeconds?: number } = {}): CheckoutApi['recoverAmbiguousPayments'] =>
  async () => {
    const now = d.clock.now().getTime()
    const before = new Date(now - d.options.reconcileAfterSeconds * 1000)
    const finalBefore = now - (o.notFoundFinalSeconds ?? DEFAULT_AMBIGUOUS_NOT_FOUND_FINAL_SECONDS) * 1000
    const tally: Tally = { unresolved: 0, not_processed: 0, declined: 0, live: 0, adopted: 0, voided: 0 }
    for (const a of await d.payments.listAmbiguous({ before, limit: 50 })) {
      const [pending] = await d.db.orm.select().from(pendingPayments).where(eq(pendingPayments.orderId, a.orderId))
      const order = await d.orders.getOrder(a.orderId)
      const adopt = pending !== undefined && order.ok && order.value.status === 'pending'
      const resolution = await d.payments.resolveAmbiguous({ ...a, adopt, notFoundIsFinal: Date.parse(a.since) < finalBefore })
      if (resolution === 'adopted' && pending) await placeAdopted(d, a.orderId, pending.cartId)
      tally[resolution]++
    }
    return tally
  }
