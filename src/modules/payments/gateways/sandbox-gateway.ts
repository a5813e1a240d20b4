import { type JsonReply, jsonPoster } from '../../../platform/http/post-json.ts'
import type { GatewayLookup, PaymentGateway } from '../contract.ts'
import { GatewayError } from '../domain/gateway-error.ts'
import { deadline } from '../../../platform/http/deadline.ts'
import { headerValue, verifyJsonWebhook } from '../../../platform/http/webhook-signature.ts'

/** The header the sandbox gateway signs its webhooks with (scheme in webhook-signature.ts). */
export const SANDBOX_SIGNATURE_HEADER = 'Crest-Sandbox-Signature'
/** The sandbox has no real secret to keep; this default is documented so demos can sign. */
export const DEFAULT_SANDBOX_WEBHOOK_SECRET = 'whsec_crest_sandbox'

export type SandboxGatewayOptions = {
  readonly name: string
  /** e.g. http://127.0.0.1:4010 */
  readonly baseUrl: string
  /** every HTTP call is abandoned after this long, even when no caller signal aborts it */
  readonly timeoutMs: number
  readonly webhookSecret?: string
  readonly now: () => Date
}

type Reply = JsonReply

const errorCode = (body: Record<string, unknown>): string | undefined => {
  const e = body.error as { code?: unknown } | undefined
  return typeof e?.code === 'string' ? e.code : undefined
}

/**
 * Maps a non-success answer onto the failure kinds the registry understands. The sandbox answers
 * 429 and 503 before it acts (nothing applied, the key not kept: src/sandbox/payments/README.md);
 * any other 5xx may come after an effect, so it counts as sent (ambiguous for an authorise).
 */
const failureOf = (r: Reply): GatewayError => {
  const code = errorCode(r.body) ?? `http_${r.status}`
  if (r.status === 409 && code === 'idempotency_in_progress') return new GatewayError('conflict', code)
  if (r.status === 429 || r.status === 503) return new GatewayError('unavailable', code)
  if (r.status >= 500) return new GatewayError('unavailable', code, { sent: true })
  return new GatewayError('rejected', code)
}

/** A refused connection never carried the request; any other network failure may have (a reset after sending). */
const networkFailure = (cause: unknown): GatewayError => {
  const code = (cause as { code?: unknown } | null)?.code
  return code === 'ECONNREFUSED'
    ? new GatewayError('unavailable', 'connection_refused', { cause })
    : new GatewayError('unavailable', 'network', { cause, sent: true })
}

const lookupOf = (status: number, body: Record<string, unknown>): GatewayLookup => {
  const state = body.status
  if (
    status === 200 &&
    typeof body.id === 'string' &&
    (state === 'authorized' || state === 'voided' || state === 'captured' || state === 'refunded')
  )
    return { state, gatewayRef: body.id }
  if (status === 402) return { state: 'declined', reason: errorCode(body) ?? 'declined' }
  if (status === 409 && errorCode(body) === 'idempotency_in_progress') return { state: 'in_flight' }
  if (status === 404 && errorCode(body) === 'not_found') return { state: 'not_found' }
  throw failureOf({ status, body })
}

export const createSandboxGateway = (o: SandboxGatewayOptions): PaymentGateway => {
  const send = jsonPoster(o.baseUrl)
  const post = async (path: string, body: unknown, key: string, signal?: AbortSignal): Promise<Reply> => {
    const limit = deadline(o.timeoutMs, signal)
    try {
      return await send(path, body, { 'idempotency-key': key }, limit.signal)
    } catch (cause) {
      if (limit.signal.aborted) throw new GatewayError('timeout', 'timeout', { cause })
      throw networkFailure(cause)
    } finally {
      limit.done()
    }
  }
  const lookup = async (key: string, signal?: AbortSignal): Promise<GatewayLookup> => {
    const limit = deadline(o.timeoutMs, signal)
    let r: Response
    let body: Record<string, unknown>
    try {
      r = await fetch(`${o.baseUrl.replace(/\/$/, '')}/v1/authorizations?idempotency_key=${encodeURIComponent(key)}`, {
        signal: limit.signal,
      })
      const parsed: unknown = await r.json().catch(() => ({}))
      body = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
    } catch (cause) {
      if (limit.signal.aborted) throw new GatewayError('timeout', 'timeout', { cause })
      throw networkFailure((cause as { cause?: unknown }).cause ?? cause)
    } finally {
      limit.done()
    }
    return lookupOf(r.status, body)
  }
  const expect = async (status: number, reply: Promise<Reply>): Promise<void> => {
    const r = await reply
    if (r.status !== status) throw failureOf(r)
  }
  const ref = (id: string) => `/v1/authorizations/${encodeURIComponent(id)}`

  return {
    name: o.name,
    provider: 'sandbox',
    authorize: async ({ amount, token, idempotencyKey, reference, signal }) => {
      const r = await post(
        '/v1/authorizations',
        { amount: amount.amount, currency: amount.currency, token, reference },
        idempotencyKey,
        signal,
      )
      if (r.status === 201 && typeof r.body.id === 'string') return { outcome: 'authorized', gatewayRef: r.body.id }
      if (r.status === 402) return { outcome: 'declined', reason: errorCode(r.body) ?? 'declined' }
      throw failureOf(r)
    },
    lookup: ({ idempotencyKey, signal }) => lookup(idempotencyKey, signal),
    capture: ({ gatewayRef, amount, idempotencyKey, signal }) =>
      expect(200, post(`${ref(gatewayRef)}/capture`, { amount: amount.amount }, idempotencyKey, signal)),
    void: ({ gatewayRef, idempotencyKey, signal }) => expect(200, post(`${ref(gatewayRef)}/void`, {}, idempotencyKey, signal)),
    refund: ({ gatewayRef, amount, idempotencyKey, signal }) =>
      expect(201, post(`${ref(gatewayRef)}/refunds`, { amount: amount.amount }, idempotencyKey, signal)),
    verifyWebhook: async ({ rawBody, headers }) =>
      verifyJsonWebhook({
        secret: o.webhookSecret ?? DEFAULT_SANDBOX_WEBHOOK_SECRET,
        header: headerValue(headers, SANDBOX_SIGNATURE_HEADER),
        rawBody,
        nowSeconds: Math.floor(o.now().getTime() / 1000),
      }),
  }
}
