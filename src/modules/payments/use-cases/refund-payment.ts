import type { Money } from '../../../platform/money/money.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import { type PaymentsContext, recordAttempt } from '../deps.ts'
import { invalidAmountFor } from '../domain/check-money.ts'
import type { PaymentsError } from '../errors.ts'
import { hasSucceeded } from '../store/attempts-store.ts'
import { findPayment, lockPayment, type PaymentRow, releaseRefund, reserveRefund } from '../store/payments-store.ts'
import { callGateway, gatewayOf, invalidState, notFound } from './call-gateway.ts'

type RefundInput = { readonly orderId: string; readonly amount: Money; readonly idempotencyKey: string }
type Refunded = Result<{ readonly refunded: Money }, PaymentsError>

const gatewayKey = (input: RefundInput) => `refund_${input.orderId}_${input.idempotencyKey}`

/**
 * Step 1, one short transaction: a refund already done under this key is replayed; otherwise the
 * amount is counted as refunded by one conditional write, so concurrent refunds never exceed
 * what was captured. 'reserved' means the gateway must now be asked.
 */
const reserve = async (c: PaymentsContext, input: RefundInput): Promise<Result<'reserved' | 'replayed', PaymentsError>> =>
  c.db.orm.transaction(async (tx) => {
    const p = await lockPayment(tx, input.orderId)
    if (!p) return notFound(input.orderId)
    if (await hasSucceeded(tx, { orderId: p.orderId, operation: 'refund', idempotencyKey: gatewayKey(input) }))
      return ok('replayed' as const)
    if (p.status !== 'captured' && p.status !== 'partially_refunded') return invalidState(p, 'refunded')
    if (await reserveRefund(tx, p.orderId, input.amount.amount, c.clock.now())) return ok('reserved' as const)
    const available = p.capturedAmount - p.refundedAmount
    return err({ code: 'PAYMENTS_AMOUNT_EXCEEDED', message: `At most ${available} ${p.currency} can still be refunded.`, available })
  })

/** Step 3: the ledger row; a concurrent duplicate under the same key gives its reservation back. */
const settle = async (c: PaymentsContext, p: PaymentRow, input: RefundInput, durationMs: number): Promise<void> =>
  c.db.orm.transaction(async (tx) => {
    await lockPayment(tx, p.orderId)
    const key = gatewayKey(input)
    const duplicate = await hasSucceeded(tx, { orderId: p.orderId, operation: 'refund', idempotencyKey: key })
    if (duplicate) await releaseRefund(tx, p.orderId, input.amount.amount, c.clock.now())
    await recordAttempt(
      c,
      {
        orderId: p.orderId,
        gateway: p.gateway,
        operation: 'refund',
        idempotencyKey: key,
        amount: input.amount,
        outcome: 'succeeded',
        gatewayRef: p.gatewayRef,
        durationMs,
      },
      tx,
    )
  })

/** Refunds part or all of what was captured, through the gateway that took the payment. */
export const refundPayment =
  (c: PaymentsContext) =>
  async (input: RefundInput): Promise<Refunded> => {
    const p = await findPayment(c.db.orm, input.orderId)
    if (!p) return notFound(input.orderId)
    const invalid = invalidAmountFor(input.amount, p.currency)
    if (invalid) return err({ code: 'PAYMENTS_INVALID_AMOUNT', message: invalid })
    const g = gatewayOf(c, p)
    if (!g.ok) return g
    const reserved = await reserve(c, input)
    if (!reserved.ok) return reserved
    if (reserved.value === 'replayed') return ok({ refunded: input.amount })
    const idempotencyKey = gatewayKey(input)
    const base = { orderId: p.orderId, gateway: p.gateway, operation: 'refund', idempotencyKey, amount: input.amount } as const
    const called = await callGateway(c, g.value, base, (signal) =>
      g.value.gateway.refund({ gatewayRef: p.gatewayRef, amount: input.amount, idempotencyKey, signal }),
    )
    if (!called.ok) {
      await releaseRefund(c.db.orm, p.orderId, input.amount.amount, c.clock.now())
      return called
    }
    await settle(c, p, input, called.value.durationMs)
    return ok({ refunded: input.amount })
  }
