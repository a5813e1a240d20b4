import type { Executor } from '../../platform/db/database.ts'
import type { Money } from '../../platform/money/money.ts'
import type { Result } from '../../platform/result.ts'
import type { PaymentsError } from './errors.ts'

/**
 * The port every payment gateway adapter implements. A gateway answers a decline as a value;
 * it throws only for failures (timeouts, outages, 5xx), which the registry may retry or fail over.
 */
export type GatewayAuthorization =
  | { readonly outcome: 'authorized'; readonly gatewayRef: string }
  | { readonly outcome: 'declined'; readonly reason: string }

export type PaymentGateway = {
  /** this gateway's own name in the registry, e.g. 'primary', 'backup', 'stripe' */
  readonly name: string
  /** the token family it accepts, as the shopper names it in `payment.provider`: 'sandbox', 'stripe' */
  readonly provider: string
  readonly authorize: (input: {
    readonly amount: Money
    readonly token: string
    readonly idempotencyKey: string
    readonly reference: string
  }) => Promise<GatewayAuthorization>
  readonly capture: (input: { readonly gatewayRef: string; readonly amount: Money; readonly idempotencyKey: string }) => Promise<void>
  readonly void: (input: { readonly gatewayRef: string; readonly idempotencyKey: string }) => Promise<void>
  readonly refund: (input: { readonly gatewayRef: string; readonly amount: Money; readonly idempotencyKey: string }) => Promise<void>
  /** checks an inbound webhook's signature; returns the parsed event or null when it does not verify */
  readonly verifyWebhook: (input: { readonly rawBody: string; readonly headers: Readonly<Record<string, string | undefined>> }) => Promise<unknown | null>
}

export type BreakerState = 'closed' | 'open' | 'half_open'

export type GatewayStatus = {
  readonly name: string
  readonly priority: number
  readonly breaker: BreakerState
  readonly attempts: number
  readonly failures: number
}

export type AuthorizeInput = {
  readonly orderId: string
  readonly amount: Money
  /** the token family ('sandbox', 'stripe'); gateways accepting it are tried in priority order */
  readonly provider: string
  readonly token: string
  /** derived from the checkout (e.g. `auth_<orderId>`): the same checkout never charges twice */
  readonly idempotencyKey: string
}

export type PaymentsApi = {
  /**
   * Authorises through the named gateway or, when it is open/failing, the next active one in
   * priority order. A decline is final (no failover). Every attempt lands in the ledger.
   */
  readonly authorize: (input: AuthorizeInput) => Promise<Result<{ readonly gateway: string; readonly gatewayRef: string }, PaymentsError>>
  readonly capture: (input: { readonly orderId: string; readonly amount?: Money }) => Promise<Result<{ readonly captured: Money }, PaymentsError>>
  readonly void: (input: { readonly orderId: string }) => Promise<Result<null, PaymentsError>>
  readonly refund: (input: { readonly orderId: string; readonly amount: Money; readonly idempotencyKey: string }) => Promise<Result<{ readonly refunded: Money }, PaymentsError>>
  readonly gatewayStatus: () => GatewayStatus[]
  readonly listAttempts: (orderId: string, tx?: Executor) => Promise<PaymentAttempt[]>
}

export type PaymentAttempt = {
  readonly id: string
  readonly order_id: string
  readonly gateway: string
  readonly operation: 'authorize' | 'capture' | 'void' | 'refund'
  readonly outcome: 'succeeded' | 'declined' | 'failed' | 'skipped'
  readonly amount: Money
  readonly gateway_ref: string | null
  readonly error: string | null
  readonly duration_ms: number
  readonly created_at: string
}
