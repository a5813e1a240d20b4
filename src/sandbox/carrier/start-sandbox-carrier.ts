import type { Behaviour } from './behaviour.ts'
import { createCarrierHandler } from './carrier-handler.ts'
import { listenJson } from '../shared/listen-json.ts'
import type { WalkTimings } from './shipment-walk.ts'
import { DEFAULT_CARRIER_WEBHOOK_SECRET } from './sign-webhook.ts'
import { createWebhookSender } from './webhook-sender.ts'

export type SandboxCarrierOptions = {
  readonly port: number
  readonly host?: string
  /** added to every carrier call (not to /healthz, /v1/ledger or /v1/admin/*) */
  readonly latencyMs?: number
  /** probability (0..1) that a carrier call fails with 503 before doing anything */
  readonly failureRate?: number
  /** makes `failureRate` a repeatable pattern */
  readonly seed?: number | null
  /** how long a shipment stays in each status (default: seconds, for demos); null: admin moves only */
  readonly timings?: WalkTimings | null
  /** POST every tracking event here, signed with `webhookSecret` */
  readonly webhookUrl?: string | null
  readonly webhookSecret?: string
  /** further attempts after a failed webhook post (default 4), first after `webhookBackoffMs` (default 500, doubling) */
  readonly webhookRetries?: number
  readonly webhookBackoffMs?: number
  readonly log?: (line: string) => void
  /** for tests: the source of randomness behind `failureRate` when no seed is set */
  readonly random?: () => number
}

export type SandboxCarrier = { readonly url: string; readonly close: () => Promise<void> }

const behaviourOf = (o: SandboxCarrierOptions): Partial<Behaviour> => {
  const b: Partial<Behaviour> = {}
  if (o.latencyMs !== undefined) b.latencyMs = o.latencyMs
  if (o.failureRate !== undefined) b.failureRate = o.failureRate
  if (o.seed !== undefined) b.seed = o.seed
  if (o.timings !== undefined) b.timings = o.timings
  if (o.webhookUrl !== undefined) b.webhookUrl = o.webhookUrl
  return b
}

/**
 * Starts the sandbox carrier: a small HTTP server that quotes, books and tracks parcels like a
 * carrier's API (described in README.md beside this file). State lives in memory and ends with it.
 */
export const startSandboxCarrier = async (o: SandboxCarrierOptions): Promise<SandboxCarrier> => {
  let url = ''
  const webhooks = createWebhookSender({
    url: () => handler.webhookUrl(),
    secret: o.webhookSecret ?? DEFAULT_CARRIER_WEBHOOK_SECRET,
    retries: o.webhookRetries ?? 4,
    backoffMs: o.webhookBackoffMs ?? 500,
    timeoutMs: 5000,
    ...(o.log && { log: o.log }),
  })
  const handler = createCarrierHandler({
    behaviour: behaviourOf(o),
    baseUrl: () => url,
    onEvent: (e) => webhooks.send(e.shipment_id, e),
    ...(o.random && { random: o.random }),
  })
  const server = await listenJson(handler.handle, o)
  url = server.url
  return {
    url,
    close: async () => {
      handler.stop()
      webhooks.stop()
      await server.close()
    },
  }
}
