import { formatMoney } from '../../../platform/money/money.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { Return } from '../contract.ts'
import type { ReturnsDeps } from '../deps.ts'
import { refundIssuedEmail } from '../domain/return-emails.ts'
import type { ReturnsError } from '../errors.ts'
import { RETURNS_TOPICS } from '../events.ts'
import { readReturn } from '../store/read-returns.ts'
import { claimRefund, failRefund, moveReturn } from '../store/write-returns.ts'
import { invalidState, loadOrder, notFound, recipientOf, recordStep } from './support.ts'

/** The key the payments module (and so the gateway) sees: one per return, whoever asks and however often. */
export const refundKey = (returnId: string): string => `return_${returnId}`

/** payment not captured yet, already refunded in full, or nothing left: not the gateway's fault */
const REFUSALS = new Set(['PAYMENTS_NOT_FOUND', 'PAYMENTS_INVALID_STATE', 'PAYMENTS_AMOUNT_EXCEEDED', 'PAYMENTS_INVALID_AMOUNT'])

/** After the gateway refunded: the return completes, once, with its history, event, the order's payment status and the e-mail. */
const settle = async (d: ReturnsDeps, r: Return): Promise<Return> =>
  d.db.orm.transaction(async (tx) => {
    const moved = await moveReturn(tx, {
      id: r.id,
      from: ['received'],
      to: 'completed',
      now: d.clock.now(),
      set: { refundStatus: 'refunded', refundError: null },
    })
    if (!moved) return (await readReturn(tx, r.id)) as Return // a concurrent call settled it
    const done = await recordStep(d, tx, {
      returnId: r.id,
      step: 'refunded',
      note: `Refunded ${formatMoney(r.refund_amount)} to the original payment method`,
      topic: RETURNS_TOPICS.refunded,
    })
    const payment = await d.payments.getPayment(r.order_id, tx)
    const to = payment && payment.refunded.amount >= payment.captured.amount ? 'refunded' : 'partially_refunded'
    const note = `Return ${r.id} refunded`
    const moved2 = await d.orders.transition({ orderId: r.order_id, field: 'payment_status', to, note }, tx)
    if (!moved2.ok) d.logger.warn({ returnId: r.id, error: moved2.error }, 'refunded; the order payment status did not move')
    const order = await loadOrder(d, r.order_id, tx)
    if (order.ok) await d.enqueueEmail(refundIssuedEmail(done, recipientOf(order.value)), tx)
    return done
  })

/**
 * Refunds a received return's value through the gateway that took the order's payment, with a
 * key derived from the return: a replayed or concurrent call refunds once at the gateway (the
 * payments module replays a refund done under the key, and the gateway dedupes the key too).
 * A completed return answers with itself. A failure is recorded on the return and can be retried.
 */
export const refundReturn =
  (d: ReturnsDeps) =>
  async (input: { readonly returnId: string }): Promise<Result<Return, ReturnsError>> => {
    const r = await readReturn(d.db.orm, input.returnId)
    if (!r) return notFound(input.returnId)
    if (r.refund_status === 'refunded' || r.refund_status === 'not_needed') return ok(r)
    if (r.status !== 'received' || !(await claimRefund(d.db.orm, r.id, d.clock.now()))) return invalidState(r, 'refunded')
    const paid = await d.payments.refund({ orderId: r.order_id, amount: r.refund_amount, idempotencyKey: refundKey(r.id) })
    if (paid.ok) return ok(await settle(d, r))
    const e = paid.error
    await failRefund(d.db.orm, r.id, `${e.code}: ${e.message}`.slice(0, 500), d.clock.now())
    d.logger.warn({ returnId: r.id, error: e }, 'return refund failed')
    return REFUSALS.has(e.code)
      ? err({ code: 'RETURNS_PAYMENT_NOT_REFUNDABLE', message: `The payment cannot be refunded now: ${e.message}` })
      : err({ code: 'RETURNS_REFUND_FAILED', message: `The payment gateway did not refund: ${e.message}` })
  }
