import { ok, type Result } from '../../../platform/result.ts'
import { type PaymentsContext, recordAttempt } from '../deps.ts'
import type { PaymentsError } from '../errors.ts'
import { findPayment, markVoided } from '../store/payments-store.ts'
import { callGateway, gatewayOf, invalidState, notFound } from './call-gateway.ts'

/** Releases an authorisation that was never captured (e.g. a checkout compensation); idempotent. */
export const voidPayment =
  (c: PaymentsContext) =>
  async (input: { readonly orderId: string }): Promise<Result<null, PaymentsError>> => {
    const p = await findPayment(c.db.orm, input.orderId)
    if (!p) return notFound(input.orderId)
    if (p.status === 'voided') return ok(null)
    if (p.status !== 'authorized') return invalidState(p, 'voided')
    const g = gatewayOf(c, p)
    if (!g.ok) return g
    const idempotencyKey = `void_${p.orderId}`
    const amount = { amount: p.amount, currency: p.currency }
    const base = { orderId: p.orderId, gateway: p.gateway, operation: 'void', idempotencyKey, amount } as const
    const called = await callGateway(c, g.value, base, (signal) =>
      g.value.gateway.void({ gatewayRef: p.gatewayRef, idempotencyKey, signal }),
    )
    if (!called.ok) return called
    const voided = await c.db.orm.transaction(async (tx) => {
      await recordAttempt(c, { ...base, outcome: 'succeeded', gatewayRef: p.gatewayRef, durationMs: called.value.durationMs }, tx)
      return markVoided(tx, p.orderId, c.clock.now())
    })
    if (voided) return ok(null)
    const now = await findPayment(c.db.orm, p.orderId)
    if (now?.status === 'voided') return ok(null)
    return now ? invalidState(now, 'voided') : notFound(p.orderId)
  }
