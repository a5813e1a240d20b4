import { ok, type Result } from '../../../platform/result.ts'
import { type PaymentsContext, recordAttempt } from '../deps.ts'
import { isGatewayError } from '../domain/gateway-error.ts'
import type { PaymentsError } from '../errors.ts'
import type { GuardedGateway } from '../resilience/guarded-gateway.ts'
import { authorizeKeyOf } from '../store/attempts-store.ts'
import { findPayment, markVoided, type PaymentRow } from '../store/payments-store.ts'
import { callGateway, gatewayOf, invalidState, notFound } from './call-gateway.ts'

/** Whether the gateway holds the payment's authorisation as voided (one lookup by its authorise key; false when it cannot say). */
const voidedAtGateway = async (c: PaymentsContext, g: GuardedGateway, p: PaymentRow): Promise<boolean> => {
  const idempotencyKey = await authorizeKeyOf(c.db.orm, p.orderId, p.gatewayRef)
  if (!idempotencyKey) return false
  try {
    const { value } = await g.probe((signal) => g.gateway.lookup({ idempotencyKey, reference: p.orderId, signal }))
    return value.state === 'voided' && value.gatewayRef === p.gatewayRef
  } catch (e) {
    if (isGatewayError(e)) return false
    throw e
  }
}

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
    if (!called.ok) {
      // refused: another path may have voided it already (the recovery of an ambiguous attempt voids
      // a late authorisation that reconciliation records as the payment at the same time); the
      // gateway says what it is now, and a voided one is recorded as such instead of refused forever
      if (called.error.code !== 'PAYMENTS_GATEWAY_REJECTED' || !(await voidedAtGateway(c, g.value, p))) return called
    }
    const durationMs = called.ok ? called.value.durationMs : 0
    const voided = await c.db.orm.transaction(async (tx) => {
      await recordAttempt(
        c,
        called.ok
          ? { ...base, outcome: 'succeeded', gatewayRef: p.gatewayRef, durationMs }
          : { ...base, outcome: 'resolved', gatewayRef: p.gatewayRef, error: 'voided already at the gateway', durationMs },
        tx,
      )
      return markVoided(tx, p.orderId, c.clock.now())
    })
    if (voided) return ok(null)
    const now = await findPayment(c.db.orm, p.orderId)
    if (now?.status === 'voided') return ok(null)
    return now ? invalidState(now, 'voided') : notFound(p.orderId)
  }
