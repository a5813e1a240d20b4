import type { Result } from '../../../platform/result.ts'
import type { Carrier } from './carrier.ts'
import { type CarrierError, carrierError, errorOfReply } from './carrier-errors.ts'
import { type CarrierResilience, CarrierFailure, DEFAULT_CARRIER_RESILIENCE, guardCarrierCalls } from './guard-carrier-calls.ts'
import { readEvent, readEvents, readRates, readShipment, wireAddress, wireError } from './sandbox-wire.ts'
import { headerValue, verifySignature } from './webhook-signature.ts'

/** The header the sandbox carrier signs its webhooks with. */
export const SANDBOX_CARRIER_SIGNATURE_HEADER = 'Crest-Carrier-Signature'
/** The sandbox carrier's default webhook secret (documented, so demos can verify). */
export const DEFAULT_SANDBOX_CARRIER_SECRET = 'whsec_crest_sandbox_carrier'

export type SandboxCarrierOptions = {
  /** this carrier's name in Crest, e.g. 'sandbox' */
  readonly name: string
  /** e.g. http://127.0.0.1:4020 */
  readonly url: string
  /** the webhook signing secret the sandbox carrier was started with */
  readonly secret: string
  readonly resilience?: Partial<CarrierResilience>
  readonly webhookToleranceSeconds?: number
  readonly now?: () => Date
}

type Request = {
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly body?: unknown
  readonly key?: string
  readonly signal?: AbortSignal | undefined
}

const segment = encodeURIComponent

/** The sandbox carrier (src/sandbox/carrier) over HTTP, under timeout, breaker and retries. */
export const sandboxCarrier = (o: SandboxCarrierOptions): Carrier => {
  const guard = guardCarrierCalls(o.name, { ...DEFAULT_CARRIER_RESILIENCE, ...o.resilience })
  const base = o.url.replace(/\/+$/, '')
  const now = o.now ?? (() => new Date())
  const unavailable = (reason: string, detail: string) => carrierError('FULFILLMENT_CARRIER_UNAVAILABLE', o.name, reason, detail)

  /** One HTTP exchange; idempotent (so retried) when it is a GET or carries an idempotency key. */
  const call = <T>(r: Request, read: (body: unknown) => T | null): Promise<Result<T, CarrierError>> =>
    guard.run(
      r.method === 'GET' || r.key !== undefined,
      async (signal) => {
        let res: Response
        try {
          res = await fetch(`${base}${r.path}`, {
            method: r.method,
            headers: {
              accept: 'application/json',
              ...(r.body !== undefined && { 'content-type': 'application/json' }),
              ...(r.key !== undefined && { 'idempotency-key': r.key }),
            },
            ...(r.body !== undefined && { body: JSON.stringify(r.body) }),
            signal,
          })
        } catch (cause) {
          throw new CarrierFailure(unavailable('network', cause instanceof Error ? cause.message : String(cause)), cause)
        }
        const body = (await res.json().catch(() => null)) as unknown
        if (!res.ok) {
          const e = wireError(body)
          throw new CarrierFailure(errorOfReply(o.name, res.status, e.code, e.message))
        }
        const value = read(body)
        if (value === null) throw new CarrierFailure(unavailable('malformed_reply', `unexpected reply to ${r.method} ${r.path}`))
        return value
      },
      r.signal,
    )

  return {
    name: o.name,
    rates: ({ from, to, weightGrams, signal }) =>
      call(
        {
          method: 'GET',
          path: `/v1/rates?${new URLSearchParams({ from: from.country, to: to.country, weight_grams: String(weightGrams) })}`,
          signal,
        },
        readRates,
      ),
    createShipment: ({ reference, service, from, to, weightGrams, idempotencyKey, signal }) =>
      call(
        {
          method: 'POST',
          path: '/v1/shipments',
          body: { reference, service, from: wireAddress(from), to: wireAddress(to), weight_grams: weightGrams },
          key: idempotencyKey,
          signal,
        },
        readShipment,
      ),
    cancelShipment: ({ shipmentId, idempotencyKey, signal }) =>
      call({ method: 'POST', path: `/v1/shipments/${segment(shipmentId)}/cancel`, body: {}, key: idempotencyKey, signal }, readShipment),
    createReturnLabel: ({ shipmentId, idempotencyKey, signal }) =>
      call(
        { method: 'POST', path: `/v1/shipments/${segment(shipmentId)}/return-label`, body: {}, key: idempotencyKey, signal },
        readShipment,
      ),
    trackingEvents: ({ shipmentId, afterSeq = 0, signal }) =>
      call({ method: 'GET', path: `/v1/shipments/${segment(shipmentId)}/events?after=${afterSeq}`, signal }, readEvents),
    verifyWebhook: async ({ rawBody, headers }) => {
      const verified = verifySignature({
        secret: o.secret,
        header: headerValue(headers, SANDBOX_CARRIER_SIGNATURE_HEADER),
        rawBody,
        nowSeconds: Math.floor(now().getTime() / 1000),
        ...(o.webhookToleranceSeconds !== undefined && { toleranceSeconds: o.webhookToleranceSeconds }),
      })
      if (!verified) return null
      let parsed: unknown
      try {
        parsed = JSON.parse(rawBody)
      } catch {
        return null
      }
      const event = readEvent(parsed)
      return event ? [event] : null
    },
    status: guard.status,
    // the sandbox has no tracking page for people: its events, as JSON
    trackingUrl: (s) => `${base}/v1/shipments/${segment(s.id)}/events`,
  }
}
