import { err, ok, type Result } from '../../../platform/result.ts'
import type { AuthorizeInput } from '../contract.ts'
import { type PaymentsContext, recordAttempt } from '../deps.ts'
import { invalidMoney } from '../domain/check-money.ts'
import { isGatewayError } from '../domain/gateway-error.ts'
import type { PaymentsError } from '../errors.ts'
import type { FailedTry, GuardedGateway } from '../resilience/guarded-gateway.ts'
import { findPayment, type PaymentRow } from '../store/payments-store.ts'
import { saveAuthorizationRows } from '../store/save-authorization.ts'

type Authorized = { readonly gateway: string; readonly gatewayRef: string }
type Outcome = Result<Authorized, PaymentsError>

const ledgerBase = (input: AuthorizeInput, gateway: string) =>
  ({ orderId: input.orderId, gateway, operation: 'authorize', idempotencyKey: input.idempotencyKey, amount: input.amount }) as const

/** An order that already has a payment gets it back: the same checkout never charges twice. */
const existingAuthorization = (p: PaymentRow, input: AuthorizeInput): Outcome => {
  if (p.status !== 'voided' && p.amount === input.amount.amount && p.currency === input.amount.currency) {
    return ok({ gateway: p.gateway, gatewayRef: p.gatewayRef })
  }
  return err({
    code: 'PAYMENTS_INVALID_STATE',
    message: `Order ${p.orderId} already has a ${p.status} payment of ${p.amount} ${p.currency}.`,
    status: p.status,
  })
}

/** Ledger row and the order's payment commit together. A lost race keeps the winner; ours is voided. */
const saveAuthorization = async (
  c: PaymentsContext,
  g: GuardedGateway,
  input: AuthorizeInput,
  gatewayRef: string,
  durationMs: number,
): Promise<Outcome> => {
  const name = g.gateway.name
  const inserted = await saveAuthorizationRows(c.db.orm, {
    attemptId: c.newId('att'),
    orderId: input.orderId,
    gateway: name,
    gatewayRef,
    idempotencyKey: input.idempotencyKey,
    amount: input.amount,
    durationMs,
    attemptAt: c.ledgerTime(input.orderId),
    at: c.clock.now(),
  })
  if (inserted) return ok({ gateway: name, gatewayRef })
  const winner = await findPayment(c.db.orm, input.orderId)
  if (!winner) throw new Error(`payment of ${input.orderId} vanished`)
  if (winner.gatewayRef !== gatewayRef) await voidDuplicate(c, g, input, gatewayRef)
  return existingAuthorization(winner, input)
}

/** Releases our authorisation when a concurrent authorise of the same order was saved first. */
const voidDuplicate = async (c: PaymentsContext, g: GuardedGateway, input: AuthorizeInput, gatewayRef: string): Promise<void> => {
  const idempotencyKey = `void_dup_${input.idempotencyKey}`
  const base = {
    orderId: input.orderId,
    gateway: g.gateway.name,
    operation: 'void',
    idempotencyKey,
    amount: input.amount,
    gatewayRef,
  } as const
  try {
    const { durationMs } = await g.run(
      (signal) => g.gateway.void({ gatewayRef, idempotencyKey, signal }),
      (t) => recordAttempt(c, { ...base, ...t }),
    )
    await recordAttempt(c, { ...base, outcome: 'succeeded', durationMs })
  } catch (e) {
    if (!isGatewayError(e)) throw e // failed tries are in the ledger already
  }
}

/**
 * One gateway's answer: a final result, or null to fail over to the next gateway. A failed try the
 * gateway may still have acted on (timeout, reset after sending) is marked `ambiguous` in the
 * ledger, once per gateway, before anything else happens: recovery settles it (decision 0018).
 */
const tryGateway = async (c: PaymentsContext, g: GuardedGateway, input: AuthorizeInput): Promise<Outcome | null> => {
  const name = g.gateway.name
  const base = ledgerBase(input, name)
  let marked = false
  const onFailedTry = async (t: FailedTry) => {
    await recordAttempt(c, { ...base, ...t })
    if (!t.ambiguous || marked) return
    marked = true
    await recordAttempt(c, { ...base, outcome: 'ambiguous', error: t.error, durationMs: 0 })
  }
  try {
    const { value, durationMs } = await g.run(
      (signal) =>
        g.gateway.authorize({
          amount: input.amount,
          token: input.token,
          idempotencyKey: input.idempotencyKey,
          reference: input.orderId,
          signal,
        }),
      onFailedTry,
    )
    if (value.outcome === 'authorized') return saveAuthorization(c, g, input, value.gatewayRef, durationMs)
    await recordAttempt(c, { ...base, outcome: 'declined', error: value.reason, durationMs })
    return err({ code: 'PAYMENTS_DECLINED', message: `The payment was declined (${value.reason}).`, gateway: name, reason: value.reason })
  } catch (e) {
    if (!isGatewayError(e)) throw e
    if (e.kind === 'conflict') {
      return err({
        code: 'PAYMENTS_IN_PROGRESS',
        message: 'This authorisation is still being processed; try again shortly.',
        gateway: name,
      })
    }
    if (e.kind === 'rejected') {
      return err({
        code: 'PAYMENTS_GATEWAY_REJECTED',
        message: `Gateway ${name} refused the request (${e.reason}).`,
        gateway: name,
        reason: e.reason,
      })
    }
    return null
  }
}

/**
 * Tries the gateways accepting `provider` in priority order: one whose breaker is open is skipped
 * at once (ledger: 'skipped'), a failing one is retried and then failed over; a decline stops.
 */
export const authorizePayment =
  (c: PaymentsContext) =>
  async (input: AuthorizeInput): Promise<Outcome> => {
    const invalid = invalidMoney(input.amount)
    if (invalid) return err({ code: 'PAYMENTS_INVALID_AMOUNT', message: invalid })
    const existing = input.newOrder ? undefined : await findPayment(c.db.orm, input.orderId)
    if (existing) return existingAuthorization(existing, input)
    const candidates = c.gateways.filter((g) => g.gateway.provider === input.provider)
    if (candidates.length === 0) {
      return err({ code: 'PAYMENTS_UNKNOWN_PROVIDER', message: `No payment gateway is configured for provider "${input.provider}".` })
    }
    const tried: string[] = []
    for (const g of candidates) {
      tried.push(g.gateway.name)
      const outcome = await tryGateway(c, g, input)
      if (outcome) return outcome
    }
    return err({
      code: 'PAYMENTS_UNAVAILABLE',
      message: `No payment gateway could authorise the payment (tried ${tried.join(', ')}).`,
      tried,
    })
  }
