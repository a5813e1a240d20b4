/**
 * How a gateway call failed, as adapters report it (a decline is not a failure: it is a value).
 * - `unavailable`: outage, 5xx, refused connection, rate limit. Retried; counts against the breaker;
 *   authorisation fails over to the next gateway.
 * - `timeout`: no answer in time. As `unavailable` (the registry's timeout raises it too).
 * - `conflict`: the gateway is still processing a request with the same idempotency key. Retried
 *   (a later try replays the answer) but no failover: the first request may still succeed.
 * - `rejected`: the gateway refused the request itself (unknown id, wrong state, bad amount).
 *   Neither retried nor counted; the use case reports it.
 */
export type GatewayErrorKind = 'unavailable' | 'timeout' | 'conflict' | 'rejected'

export class GatewayError extends Error {
  readonly kind: GatewayErrorKind
  /** the gateway's own code for it, e.g. 'provider_unavailable', 'invalid_state', 'http_503' */
  readonly reason: string
  /**
   * Whether the request may have reached the gateway and been acted on although no answer says so
   * (a reset after sending, a 5xx the provider may have processed). Adapters set it for
   * `unavailable`; a `timeout` is always treated as possibly sent (domain/ambiguous-failure.ts).
   */
  readonly sent: boolean

  constructor(kind: GatewayErrorKind, reason: string, options: { message?: string; cause?: unknown; sent?: boolean } = {}) {
    super(options.message ?? `${kind}: ${reason}`, { cause: options.cause })
    this.name = 'GatewayError'
    this.kind = kind
    this.reason = reason
    this.sent = options.sent ?? false
  }
}

export const isGatewayError = (e: unknown): e is GatewayError => e instanceof GatewayError
