import { CARRIER_SIGNATURE_HEADER, signatureHeader } from './sign-webhook.ts'

export type WebhookSenderOptions = {
  /** read at each send: where to POST (null: webhooks are off) */
  readonly url: () => string | null
  readonly secret: string
  /** further attempts after a failed first one (non-2xx, network error, timeout) */
  readonly retries: number
  /** wait before the first retry; doubles for each further one */
  readonly backoffMs: number
  readonly timeoutMs: number
  readonly log?: (line: string) => void
}

type Pending = { readonly timer: NodeJS.Timeout; readonly resolve: () => void }

/**
 * POSTs each tracking event as JSON, signed (sign-webhook.ts), and retries a failed post a few
 * times with doubling back-off. Events of one shipment go out in order, one at a time; those of
 * different shipments do not wait for each other. A retry carries the same event id, so a receiver
 * that already has it can drop it.
 */
export const createWebhookSender = (o: WebhookSenderOptions) => {
  const chains = new Map<string, Promise<void>>()
  const waits = new Set<Pending>()
  const stopping = new AbortController()

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const p: Pending = {
        timer: setTimeout(() => {
          waits.delete(p)
          resolve()
        }, ms),
        resolve,
      }
      waits.add(p)
    })

  /** One attempt; null when the receiver took it, else what went wrong. */
  const post = async (url: string, rawBody: string, eventId: string, attempt: number): Promise<string | null> => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CARRIER_SIGNATURE_HEADER]: signatureHeader(o.secret, rawBody, Math.floor(Date.now() / 1000)),
          'crest-event-id': eventId,
          'crest-delivery-attempt': String(attempt),
        },
        body: rawBody,
        signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(o.timeoutMs)]),
      })
      await res.arrayBuffer().catch(() => undefined)
      return res.ok ? null : `HTTP ${res.status}`
    } catch (e) {
      return e instanceof Error ? e.message : String(e)
    }
  }

  const deliver = async (url: string, event: { readonly id: string }) => {
    const rawBody = JSON.stringify(event)
    for (let attempt = 1; attempt <= o.retries + 1; attempt++) {
      if (attempt > 1) await wait(o.backoffMs * 2 ** (attempt - 2))
      if (stopping.signal.aborted) return
      const problem = await post(url, rawBody, event.id, attempt)
      o.log?.(`webhook ${event.id} to ${url}, attempt ${attempt}: ${problem ?? 'delivered'}`)
      if (problem === null) return
    }
  }

  return {
    send: (shipmentId: string, event: { readonly id: string }): void => {
      const url = o.url()
      if (!url || stopping.signal.aborted) return
      const p = (chains.get(shipmentId) ?? Promise.resolve()).then(() => deliver(url, event))
      chains.set(shipmentId, p)
      void p.then(() => {
        if (chains.get(shipmentId) === p) chains.delete(shipmentId)
      })
    },
    /** aborts posts in flight and drops the retries still waiting */
    stop: (): void => {
      stopping.abort()
      for (const p of waits) {
        clearTimeout(p.timer)
        p.resolve()
      }
      waits.clear()
    },
  }
}
