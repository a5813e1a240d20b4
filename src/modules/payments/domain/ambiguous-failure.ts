import type { GatewayErrorKind } from './gateway-error.ts'

/** What the registry knows about a failed authorisation try. */
export type FailureFacts = {
  readonly kind: GatewayErrorKind
  readonly reason: string
  /** the adapter's view: the request may have reached the gateway (see GatewayError.sent) */
  readonly sent: boolean
}

/** The registry's own refusal when the circuit breaker is open (guarded-gateway.ts BREAKER_OPEN). */
const NOT_CALLED = new Set(['breaker_open'])

/**
 * Could the gateway have authorised although we never heard it? Then the attempt is ambiguous
 * and must be settled later with the same idempotency key (decision 0018):
 * - a timeout: the gateway may still process the request (a stopped process, a slow network);
 * - an idempotency conflict: the gateway is processing it right now;
 * - an outage after the request was sent (a reset mid-call, a 5xx the provider may have applied).
 * Definite, needing no recovery: a call the breaker refused, a refusal before sending (connection
 * refused, a 5xx the provider documents as effect-free), and a rejection (4xx).
 */
export const isAmbiguousFailure = (f: FailureFacts): boolean => {
  if (NOT_CALLED.has(f.reason)) return false
  switch (f.kind) {
    case 'timeout':
    case 'conflict':
      return true
    case 'unavailable':
      return f.sent
    case 'rejected':
      return false
  }
}
