import { err, ok, type Result } from '../../../platform/result.ts'
import { type PaymentsContext, recordAttempt } from '../deps.ts'
import { isGatewayError } from '../domain/gateway-error.ts'
import type { PaymentsError } from '../errors.ts'
import type { GuardedGateway } from '../resilience/guarded-gateway.ts'
import type { NewAttempt } from '../store/attempts-store.ts'
import type { PaymentRow } from '../store/payments-store.ts'

export type LedgerBase = Omit<NewAttempt, 'outcome' | 'error' | 'durationMs' | 'gatewayRef'>

/**
 * Runs one capture/void/refund call under the gateway's policies. Failed tries land in the ledger
 * here; the success row is the caller's to write, in the transaction that records the effect.
 */
export const callGateway = async (
  c: PaymentsContext,
  g: GuardedGateway,
  base: LedgerBase,
  call: (signal: AbortSignal) => Promise<void>,
): Promise<Result<{ durationMs: number }, PaymentsError>> => {
  const name = g.gateway.name
  try {
    const { durationMs } = await g.run(call, (t) => recordAttempt(c, { ...base, ...t }))
    return ok({ durationMs })
  } catch (e) {
    if (!isGatewayError(e)) throw e
    switch (e.kind) {
      case 'conflict':
        return err({
          code: 'PAYMENTS_IN_PROGRESS',
          message: `This ${base.operation} is still being processed; try again shortly.`,
          gateway: name,
        })
      case 'rejected':
        return err({
          code: 'PAYMENTS_GATEWAY_REJECTED',
          message: `Gateway ${name} refused the ${base.operation} (${e.reason}).`,
          gateway: name,
          reason: e.reason,
        })
      default:
        return err({
          code: 'PAYMENTS_UNAVAILABLE',
          message: `Gateway ${name} is unavailable (${e.reason}); try again later.`,
          tried: [name],
        })
    }
  }
}

export const notFound = (orderId: string): Result<never, PaymentsError> =>
  err({ code: 'PAYMENTS_NOT_FOUND', message: `Order ${orderId} has no payment.` })

export const invalidState = (p: PaymentRow, operation: string): Result<never, PaymentsError> =>
  err({ code: 'PAYMENTS_INVALID_STATE', message: `A ${p.status} payment cannot be ${operation}.`, status: p.status })

/** The gateway that authorised the payment; capture, void and refund must go to it. */
export const gatewayOf = (c: PaymentsContext, p: PaymentRow): Result<GuardedGateway, PaymentsError> => {
  const g = c.gateways.find((x) => x.gateway.name === p.gateway)
  return g
    ? ok(g)
    : err({
        code: 'PAYMENTS_UNAVAILABLE',
        message: `Gateway ${p.gateway}, which authorised this payment, is not configured.`,
        tried: [p.gateway],
      })
}
