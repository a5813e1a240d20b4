/**
 * The carrier error catalogue (STYLE.md §6): what a `Carrier` call can come to besides success.
 * `reason` is the carrier's own code for it ('carrier_unavailable', 'invalid_state', 'http_502',
 * 'network', 'timeout', …), for logs; callers switch on `code`.
 */
export const CARRIER_ERROR_CODES = [
  /** outage: 5xx, 429, refused connection, malformed reply. Retried (idempotent calls), counts against the breaker */
  'FULFILLMENT_CARRIER_UNAVAILABLE',
  /** no answer in time. As UNAVAILABLE */
  'FULFILLMENT_CARRIER_TIMEOUT',
  /** refused without calling: the breaker is open after repeated failures */
  'FULFILLMENT_CARRIER_CIRCUIT_OPEN',
  /** the carrier is still processing a request with this idempotency key. Retried; the first may still succeed */
  'FULFILLMENT_CARRIER_IN_PROGRESS',
  /** the idempotency key was already used for a different request */
  'FULFILLMENT_CARRIER_KEY_REUSED',
  'FULFILLMENT_CARRIER_NOT_FOUND',
  /** e.g. canceling a shipment already picked up */
  'FULFILLMENT_CARRIER_INVALID_STATE',
  /** the carrier refused the request itself (bad address, weight, a service it does not offer there) */
  'FULFILLMENT_CARRIER_REJECTED',
] as const

export type CarrierErrorCode = (typeof CARRIER_ERROR_CODES)[number]

export type CarrierError = {
  readonly code: CarrierErrorCode
  readonly message: string
  /** the carrier's name, as configured */
  readonly carrier: string
  readonly reason: string
}

export const carrierError = (code: CarrierErrorCode, carrier: string, reason: string, detail?: string): CarrierError => ({
  code,
  carrier,
  reason,
  message: `Carrier ${carrier}: ${detail ?? reason}`,
})

/** Failures worth another try of the same (idempotent) call. */
export const isRetryable = (code: CarrierErrorCode): boolean =>
  code === 'FULFILLMENT_CARRIER_UNAVAILABLE' || code === 'FULFILLMENT_CARRIER_TIMEOUT' || code === 'FULFILLMENT_CARRIER_IN_PROGRESS'

/** Failures that say the carrier is unwell; a refusal or an idempotency conflict does not. */
export const countsAgainstBreaker = (code: CarrierErrorCode): boolean =>
  code === 'FULFILLMENT_CARRIER_UNAVAILABLE' || code === 'FULFILLMENT_CARRIER_TIMEOUT'

/** How an HTTP carrier's error answer maps onto the catalogue. */
export const errorOfReply = (carrier: string, status: number, code: string | undefined, message?: string): CarrierError => {
  const reason = code ?? `http_${status}`
  if (status === 429 || status >= 500) return carrierError('FULFILLMENT_CARRIER_UNAVAILABLE', carrier, reason, message)
  if (status === 404) return carrierError('FULFILLMENT_CARRIER_NOT_FOUND', carrier, reason, message)
  if (status === 409 && code === 'idempotency_in_progress') return carrierError('FULFILLMENT_CARRIER_IN_PROGRESS', carrier, reason, message)
  if (status === 409 && code === 'idempotency_key_reused') return carrierError('FULFILLMENT_CARRIER_KEY_REUSED', carrier, reason, message)
  if (status === 409) return carrierError('FULFILLMENT_CARRIER_INVALID_STATE', carrier, reason, message)
  return carrierError('FULFILLMENT_CARRIER_REJECTED', carrier, reason, message)
}
