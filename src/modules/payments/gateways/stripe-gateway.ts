import Stripe from 'stripe'
import type { GatewayAuthorization, GatewayLookup, PaymentGateway } from '../contract.ts'
import { GatewayError } from '../domain/gateway-error.ts'
import { headerValue, verifyJsonWebhook } from '../../../platform/http/webhook-signature.ts'

export const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature'

export type StripeGatewayOptions = {
  readonly name: string
  /** `sk_live_…` / `sk_test_…` */
  readonly secretKey: string
  /** STRIPE_API_BASE, e.g. https://api.stripe.com (a local fake in tests) */
  readonly apiBase: string
  readonly timeoutMs: number
  /** `whsec_…`; without it every webhook is refused */
  readonly webhookSecret?: string
  readonly webhookToleranceSeconds?: number
  readonly now: () => Date
}

/** The fields of the SDK's StripeError this adapter reads. */
type StripeFailure = { type?: string; statusCode?: number; code?: string; decline_code?: string; param?: string; message?: string }

const asFailure = (e: unknown): StripeFailure => (e && typeof e === 'object' ? (e as StripeFailure) : {})

/** Classifies an SDK error; the SDK itself never retries here (maxNetworkRetries: 0): the registry does. */
const gatewayErrorOf = (e: unknown): GatewayError => {
  const f = asFailure(e)
  const reason = f.code ?? f.type ?? 'stripe_error'
  if (f.type === 'StripeConnectionError') {
    if (/timeout/i.test(f.message ?? '')) return new GatewayError('timeout', 'connection', { cause: e })
    // a refused connection never carried the request; any other break may have come after it
    return new GatewayError('unavailable', 'connection', { cause: e, sent: !/ECONNREFUSED/.test(f.message ?? '') })
  }
  if (f.statusCode === 409) return new GatewayError('conflict', reason, { cause: e })
  if (f.type === 'StripeIdempotencyError' || f.type === 'StripeInvalidRequestError' || f.type === 'StripeCardError') {
    return new GatewayError('rejected', reason, { cause: e })
  }
  // 401/403 (a bad key) makes this gateway unusable, like an outage: fail over, let the breaker open.
  // A 5xx (StripeAPIError) may come after Stripe acted: sent, so an authorise is ambiguous.
  return new GatewayError('unavailable', reason, { cause: e, sent: (f.statusCode ?? 0) >= 500 })
}

/** A card decline, or a payment method Stripe does not know, is the shopper's problem: a decline. */
const declineOf = (e: unknown): GatewayAuthorization | null => {
  const f = asFailure(e)
  if (f.type === 'StripeCardError') return { outcome: 'declined', reason: f.decline_code ?? f.code ?? 'card_declined' }
  if (f.type === 'StripeInvalidRequestError' && f.param === 'payment_method' && f.code === 'resource_missing') {
    return { outcome: 'declined', reason: 'invalid_token' }
  }
  return null
}

/** Metadata naming the idempotency key an intent was created under, so lookup can find it. */
export const IDEMPOTENCY_METADATA = 'crest_idempotency_key'

/** A PaymentIntent's status as a lookup answer (only the states a manual-capture intent passes). */
const lookupOfIntent = (pi: { id: string; status: string }): GatewayLookup => {
  switch (pi.status) {
    case 'requires_capture':
      return { state: 'authorized', gatewayRef: pi.id }
    case 'canceled':
      return { state: 'voided', gatewayRef: pi.id }
    case 'succeeded':
      return { state: 'captured', gatewayRef: pi.id }
    case 'processing':
    case 'requires_confirmation':
      return { state: 'in_flight' }
    default:
      return { state: 'declined', reason: pi.status }
  }
}

const clientFor = (o: StripeGatewayOptions): Stripe => {
  const base = new URL(o.apiBase)
  const protocol = base.protocol === 'http:' ? 'http' : 'https'
  return new Stripe(o.secretKey, {
    host: base.hostname,
    port: base.port || (protocol === 'http' ? 80 : 443),
    protocol,
    maxNetworkRetries: 0,
    timeout: o.timeoutMs,
    telemetry: false,
    appInfo: { name: 'Crest' },
  })
}

/**
 * Stripe through its official SDK: authorise = a PaymentIntent created with `confirm: true` and
 * `capture_method: 'manual'` (status `requires_capture`); capture, cancel (void) and refunds on it.
 * Every POST carries our Idempotency-Key.
 */
export const createStripeGateway = (o: StripeGatewayOptions): PaymentGateway => {
  const stripe = clientFor(o)
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (e) {
      throw gatewayErrorOf(e)
    }
  }

  return {
    name: o.name,
    provider: 'stripe',
    authorize: async ({ amount, token, idempotencyKey, reference }) => {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: amount.amount,
            currency: amount.currency.toLowerCase(),
            payment_method: token,
            // server-side confirmation has no page to return to: only methods that never redirect
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            confirm: true,
            capture_method: 'manual',
            metadata: { crest_reference: reference, [IDEMPOTENCY_METADATA]: idempotencyKey },
          },
          { idempotencyKey },
        )
        // requires_action (3-D Secure) cannot be completed server-side: the shopper must retry.
        return intent.status === 'requires_capture'
          ? { outcome: 'authorized', gatewayRef: intent.id }
          : { outcome: 'declined', reason: intent.status }
      } catch (e) {
        const declined = declineOf(e)
        if (declined) return declined
        throw gatewayErrorOf(e)
      }
    },
    // Search by the metadata set at create: no effect, unlike a replay of the create (which would
    // authorise if the first create never arrived). Stripe's search index lags writes by up to a
    // minute, so recovery treats `not_found` as final only after a grace period (decision 0018).
    lookup: ({ idempotencyKey }) =>
      call(async () => {
        const found = await stripe.paymentIntents.search({
          query: `metadata['${IDEMPOTENCY_METADATA}']:'${idempotencyKey.replace(/'/g, "\\'")}'`,
        })
        const pi = found.data[0]
        return pi ? lookupOfIntent(pi) : { state: 'not_found' as const }
      }),
    capture: ({ gatewayRef, amount, idempotencyKey }) =>
      call(async () => {
        await stripe.paymentIntents.capture(gatewayRef, { amount_to_capture: amount.amount }, { idempotencyKey })
      }),
    void: ({ gatewayRef, idempotencyKey }) =>
      call(async () => {
        await stripe.paymentIntents.cancel(gatewayRef, {}, { idempotencyKey })
      }),
    refund: ({ gatewayRef, amount, idempotencyKey }) =>
      call(async () => {
        await stripe.refunds.create({ payment_intent: gatewayRef, amount: amount.amount }, { idempotencyKey })
      }),
    verifyWebhook: async ({ rawBody, headers }) =>
      verifyJsonWebhook({
        secret: o.webhookSecret ?? '',
        header: headerValue(headers, STRIPE_SIGNATURE_HEADER),
        rawBody,
        nowSeconds: Math.floor(o.now().getTime() / 1000),
        ...(o.webhookToleranceSeconds !== undefined && { toleranceSeconds: o.webhookToleranceSeconds }),
      }),
  }
}
