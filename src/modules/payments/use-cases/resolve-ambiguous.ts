import type { Executor } from '../../../platform/db/database.ts'
import type { AmbiguousAuthorization, AmbiguousResolution, GatewayLookup } from '../contract.ts'
import { type PaymentsContext, recordAttempt } from '../deps.ts'
import { isGatewayError } from '../domain/gateway-error.ts'
import type { GuardedGateway } from '../resilience/guarded-gateway.ts'
import { findPayment } from '../store/payments-store.ts'
import { saveAuthorizationRows } from '../store/save-authorization.ts'

type Input = AmbiguousAuthorization & { readonly adopt: boolean; readonly notFoundIsFinal: boolean }

class LostRace extends Error {}

/** Asks the gateway what the key came to (one try under its timeout); null when it cannot say now. */
const ask = async (g: GuardedGateway, input: Input): Promise<GatewayLookup | null> => {
  try {
    const { value } = await g.probe((signal) =>
      g.gateway.lookup({ idempotencyKey: input.idempotencyKey, reference: input.orderId, signal }),
    )
    return value
  } catch (e) {
    if (!isGatewayError(e)) throw e
    return null
  }
}

/** The ledger row that closes the attempt (`error` names the resolution). */
const settle = (c: PaymentsContext, input: Input, resolution: AmbiguousResolution, gatewayRef: string | null, ex?: Executor) =>
  recordAttempt(
    c,
    {
      orderId: input.orderId,
      gateway: input.gateway,
      operation: 'authorize',
      idempotencyKey: input.idempotencyKey,
      outcome: 'resolved',
      amount: input.amount,
      gatewayRef,
      error: resolution,
      durationMs: 0,
    },
    ex,
  )

/** The late authorisation becomes the order's payment, unless another was saved meanwhile. */
const adopt = async (c: PaymentsContext, input: Input, gatewayRef: string): Promise<AmbiguousResolution> => {
  try {
    await c.db.orm.transaction(async (tx) => {
      const inserted = await saveAuthorizationRows(tx, {
        attemptId: c.newId('att'),
        orderId: input.orderId,
        gateway: input.gateway,
        gatewayRef,
        idempotencyKey: input.idempotencyKey,
        amount: input.amount,
        durationMs: 0,
        attemptAt: c.ledgerTime(input.orderId),
        at: c.clock.now(),
      })
      if (!inserted) throw new LostRace()
      await settle(c, input, 'adopted', gatewayRef, tx)
    })
    return 'adopted'
  } catch (e) {
    if (e instanceof LostRace) return 'unresolved' // the next round voids it: the order is paid elsewhere now
    throw e
  }
}

/** Voids the late authorisation once (a fixed key: a repeat replays at the gateway). */
const voidLate = async (c: PaymentsContext, g: GuardedGateway, input: Input, gatewayRef: string): Promise<AmbiguousResolution> => {
  const idempotencyKey = `void_amb_${input.gateway}_${input.idempotencyKey}`
  const base = { orderId: input.orderId, gateway: input.gateway, operation: 'void', idempotencyKey, amount: input.amount } as const
  let durationMs: number
  try {
    durationMs = (await g.probe((signal) => g.gateway.void({ gatewayRef, idempotencyKey, signal }))).durationMs
  } catch (e) {
    if (!isGatewayError(e)) throw e
    // refused (voided meanwhile: the next lookup says so) or unreachable: asked again next round
    await recordAttempt(c, { ...base, outcome: 'failed', gatewayRef, error: e.message, durationMs: 0 })
    return 'unresolved'
  }
  await c.db.orm.transaction(async (tx) => {
    await recordAttempt(c, { ...base, outcome: 'succeeded', gatewayRef, durationMs }, tx)
    await settle(c, input, 'voided', gatewayRef, tx)
  })
  return 'voided'
}

/**
 * Settles one ambiguous authorise attempt (decision 0018): asks its gateway, with no effect, what
 * the idempotency key came to; a late authorisation that is not the order's payment is adopted
 * (when allowed and the order has none) or voided; nothing is voided twice, and the order's own
 * payment is never touched here (capture and void of it stay with the payments row).
 */
export const resolveAmbiguous =
  (c: PaymentsContext) =>
  async (input: Input): Promise<AmbiguousResolution> => {
    const g = c.gateways.find((x) => x.gateway.name === input.gateway)
    if (!g) return 'unresolved'
    const found = await ask(g, input)
    if (!found || found.state === 'in_flight') return 'unresolved'
    if (found.state === 'not_found') {
      if (!input.notFoundIsFinal) return 'unresolved'
      await settle(c, input, 'not_processed', null)
      return 'not_processed'
    }
    if (found.state === 'declined') {
      await settle(c, input, 'declined', null)
      return 'declined'
    }
    const payment = await findPayment(c.db.orm, input.orderId)
    if (payment?.gateway === input.gateway && payment.gatewayRef === found.gatewayRef) {
      await settle(c, input, 'live', found.gatewayRef)
      return 'live'
    }
    if (found.state === 'voided') {
      await settle(c, input, 'voided', found.gatewayRef)
      return 'voided'
    }
    if (found.state !== 'authorized') return 'unresolved' // captured outside Crest's records: left for staff
    if (!payment && input.adopt) return adopt(c, input, found.gatewayRef)
    return voidLate(c, g, input, found.gatewayRef)
  }
