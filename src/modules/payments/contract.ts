import type { Executor } from '../../platform/db/database.ts'
import type { Money } from '../../platform/money/money.ts'
import type { Result } from '../../platform/result.ts'
import type { PaymentsError } from './errors.ts'

/**
 * The port every payment gateway adapter implements. A gateway answers a decline as a value;
 * it throws only for failures: a `GatewayError` (see domain/gateway-error.ts) tells the registry
 * whether the failure may be retried, counts against the breaker, or is a refusal of the request.
 * Every call carries an idempotency key, so a retry never applies an effect twice.
 */
export type GatewayAuthorization =
  | { readonly outcome: 'authorized'; readonly gatewayRef: string }
  | { readonly outcome: 'declined'; readonly reason: string }

/**
 * What a gateway says, without any effect, about the authorisation asked for under an idempotency
 * key: made (and its state now), declined, still being processed, or never received.
 */
export type GatewayLookup =
  | { readonly state: 'authorized' | 'voided' | 'captured' | 'refunded'; readonly gatewayRef: string }
  | { readonly state: 'declined'; readonly reason: string }
  | { readonly state: 'in_flight' }
  | { readonly state: 'not_found' }

/** Lets the registry's timeout abort the call in flight. */
type Cancellable = { readonly signal?: AbortSignal }

export type PaymentGateway = {
  /** this gateway's own name in the registry, e.g. 'primary', 'backup', 'stripe' */
  readonly name: string
  /** the token family it accepts, as the shopper names it in `payment.provider`: 'sandbox', 'stripe' */
  readonly provider: string
  readonly authorize: (
    input: Cancellable & {
      readonly amount: Money
      readonly token: string
      readonly idempotencyKey: string
      readonly reference: string
    },
  ) => Promise<GatewayAuthorization>
  /** side-effect-free: what an authorise under `idempotencyKey` came to (decision 0018) */
  readonly lookup: (input: Cancellable & { readonly idempotencyKey: string; readonly reference: string }) => Promise<GatewayLookup>
  /** captures `amount` (at most what was authorised; once) */
  readonly capture: (
    input: Cancellable & { readonly gatewayRef: string; readonly amount: Money; readonly idempotencyKey: string },
  ) => Promise<void>
  readonly void: (input: Cancellable & { readonly gatewayRef: string; readonly idempotencyKey: string }) => Promise<void>
  readonly refund: (
    input: Cancellable & { readonly gatewayRef: string; readonly amount: Money; readonly idempotencyKey: string },
  ) => Promise<void>
  /** checks an inbound webhook's signature; returns the parsed event or null when it does not verify */
  readonly verifyWebhook: (input: {
    readonly rawBody: string
    readonly headers: Readonly<Record<string, string | undefined>>
  }) => Promise<unknown | null>
}

export type BreakerState = 'closed' | 'open' | 'half_open'

export type GatewayStatus = {
  readonly name: string
  readonly provider: string
  /** 0 is tried first */
  readonly priority: number
  readonly breaker: BreakerState
  /** calls that reached the gateway (retries included), since this process started */
  readonly attempts: number
  /** of those, the ones that failed (outage, timeout, 5xx) */
  readonly failures: number
  /** calls not made because the breaker was open */
  readonly skipped: number
  readonly last_error: string | null
}

export type AuthorizeInput = {
  readonly orderId: string
  readonly amount: Money
  /** the token family ('sandbox', 'stripe'); gateways accepting it are tried in priority order */
  readonly provider: string
  readonly token: string
  /** derived from the checkout (e.g. `auth_<orderId>`): the same checkout never charges twice */
  readonly idempotencyKey: string
  /**
   * The caller created this order a moment ago, so no earlier authorisation can be on record and
   * none is looked up first (one statement less per checkout). A concurrent authorise is still
   * caught when the authorisation is saved.
   */
  readonly newOrder?: boolean
}

/** An authorise attempt whose outcome at `gateway` is unknown (ledger outcome 'ambiguous'). */
export type AmbiguousAuthorization = {
  readonly orderId: string
  readonly gateway: string
  readonly idempotencyKey: string
  readonly amount: Money
  /** when it was first marked (ISO) */
  readonly since: string
}

/**
 * How recovery settled an ambiguous attempt (recorded as a ledger 'resolved' row), or 'unresolved'
 * when the gateway cannot tell yet (unreachable, still processing, not found within the grace).
 * - not_processed: the gateway never authorised under the key; declined: it declined it
 * - live: it is the order's payment already; adopted: it became the order's payment now
 * - voided: it was voided (by this recovery, once, or before)
 */
export type AmbiguousResolution = 'unresolved' | 'not_processed' | 'declined' | 'live' | 'adopted' | 'voided'

export type PaymentStatus = 'authorized' | 'captured' | 'voided' | 'refunded' | 'partially_refunded'

/** The authorisation that stands for an order. */
export type Payment = {
  readonly order_id: string
  readonly gateway: string
  readonly gateway_ref: string
  readonly status: PaymentStatus
  readonly amount: Money
  readonly captured: Money
  readonly refunded: Money
  readonly created_at: string
  readonly updated_at: string
}

export type PaymentsApi = {
  /**
   * Authorises through the first gateway for `provider` in priority order or, when it is open or
   * failing, the next one. A decline is final (no failover). Every attempt lands in the ledger.
   * An order that already has a payment gets that payment back: no gateway is called again.
   */
  readonly authorize: (input: AuthorizeInput) => Promise<Result<{ readonly gateway: string; readonly gatewayRef: string }, PaymentsError>>
  /** captures `amount` (default: all that was authorised) through the order's gateway, once */
  readonly capture: (input: {
    readonly orderId: string
    readonly amount?: Money
  }) => Promise<Result<{ readonly captured: Money }, PaymentsError>>
  readonly void: (input: { readonly orderId: string }) => Promise<Result<null, PaymentsError>>
  /** refunds part or all of what was captured; the same key refunds once */
  readonly refund: (input: {
    readonly orderId: string
    readonly amount: Money
    readonly idempotencyKey: string
  }) => Promise<Result<{ readonly refunded: Money }, PaymentsError>>
  readonly getPayment: (orderId: string, tx?: Executor) => Promise<Payment | null>
  /** ambiguous authorise attempts marked before `before`, not settled yet (decision 0018) */
  readonly listAmbiguous: (q: { readonly before: Date; readonly limit: number }) => Promise<AmbiguousAuthorization[]>
  /**
   * Asks the attempt's gateway, with no effect, what the key came to, and settles it: a late
   * authorisation becomes the order's payment when `adopt` and the order has none, else it is
   * voided (once, with key `void_amb_<gateway>_<key>`). `notFoundIsFinal`: a gateway that never
   * saw the key closes the attempt (otherwise it is asked again later).
   */
  readonly resolveAmbiguous: (
    input: AmbiguousAuthorization & { readonly adopt: boolean; readonly notFoundIsFinal: boolean },
  ) => Promise<AmbiguousResolution>
  readonly gatewayStatus: () => GatewayStatus[]
  /** whether any configured gateway takes payments of this provider (checked before an order is created) */
  readonly acceptsProvider: (provider: string) => boolean
  readonly listAttempts: (orderId: string, tx?: Executor) => Promise<PaymentAttempt[]>
  /** checks an inbound webhook for the named gateway; null when unknown gateway or bad signature */
  readonly verifyWebhook: (input: {
    readonly gateway: string
    readonly rawBody: string
    readonly headers: Readonly<Record<string, string | undefined>>
  }) => Promise<unknown | null>
}

export type AttemptOperation = 'authorize' | 'capture' | 'void' | 'refund'
/**
 * `ambiguous`: an authorise that failed in a way the gateway may still have acted on (timeout,
 * reset after sending); `resolved`: how recovery settled it (`error` holds the resolution).
 */
export type AttemptOutcome = 'succeeded' | 'declined' | 'failed' | 'skipped' | 'ambiguous' | 'resolved'

/** One ledger row: one call to one gateway (or one call not made: 'skipped'), whatever its outcome. */
export type PaymentAttempt = {
  readonly id: string
  readonly order_id: string
  readonly gateway: string
  readonly operation: AttemptOperation
  readonly outcome: AttemptOutcome
  readonly amount: Money
  readonly gateway_ref: string | null
  readonly error: string | null
  readonly duration_ms: number
  readonly created_at: string
}
