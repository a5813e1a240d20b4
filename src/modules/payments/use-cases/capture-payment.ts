import type { Money } from '../../../platform/money/money.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import { type PaymentsContext, recordAttempt } from '../deps.ts'
import { invalidAmountFor } from '../domain/check-money.ts'
import type { PaymentsError } from '../errors.ts'
import { findPayment, markCaptured } from '../store/payments-store.ts'
import { callGateway, gatewayOf, invalidState, notFound } from './call-gateway.ts'

type Captured = Result<{ readonly captured: Money }, PaymentsError>

/**
 * Captures part or all of the authorisation, once, through the gateway that authorised it.
 * The key names the amount, so repeating the same capture replays it at the gateway.
 */
export const capturePayment =
  (c: PaymentsContext) =>
  async (input: { readonly orderId: string; readonly amount?: Money }): Promise<Captured> => {
    const p = await findPayment(c.db.orm, input.orderId)
    if (!p) return notFound(input.orderId)
    const amount = input.amount ?? { amount: p.amount, currency: p.currency }
    const invalid = invalidAmountFor(amount, p.currency)
    if (invalid) return err({ code: 'PAYMENTS_INVALID_AMOUNT', message: invalid })
    if (p.status === 'captured' && p.capturedAmount === amount.amount) return ok({ captured: amount })
    if (p.status !== 'authorized') return invalidState(p, 'captured')
    if (amount.amount > p.amount) {
      return err({ code: 'PAYMENTS_AMOUNT_EXCEEDED', message: `At most ${p.amount} ${p.currency} can be captured.`, available: p.amount })
    }
    const g = gatewayOf(c, p)
    if (!g.ok) return g
    const idempotencyKey = `capture_${p.orderId}_${amount.amount}`
    const base = { orderId: p.orderId, gateway: p.gateway, operation: 'capture', idempotencyKey, amount } as const
    const called = await callGateway(c, g.value, base, (signal) =>
      g.value.gateway.capture({ gatewayRef: p.gatewayRef, amount, idempotencyKey, signal }),
    )
    if (!called.ok) return called
    const captured = await c.db.orm.transaction(async (tx) => {
      await recordAttempt(c, { ...base, outcome: 'succeeded', gatewayRef: p.gatewayRef, durationMs: called.value.durationMs }, tx)
      return markCaptured(tx, p.orderId, amount.amount, c.clock.now())
    })
    if (captured) return ok({ captured: amount })
    // a concurrent capture got there first: fine if it captured the same amount
    const now = await findPayment(c.db.orm, p.orderId)
    if (now?.status === 'captured' && now.capturedAmount === amount.amount) return ok({ captured: amount })
    return now ? invalidState(now, 'captured') : notFound(p.orderId)
  }
