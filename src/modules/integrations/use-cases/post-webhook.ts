import { signatureHeader } from '../../../platform/http/webhook-signature.ts'

export type PostOutcome = {
  readonly ok: boolean
  readonly statusCode: number | null
  readonly durationMs: number
  readonly error: string | null
}

const describeError = (e: unknown, timeoutMs: number): string => {
  if (!(e instanceof Error)) return String(e)
  if (e.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`
  return e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message
}

/**
 * One signed POST. 2xx is delivered; any other status, a network error or the timeout is a
 * failure. The signature covers `<t>.<raw body>` (src/platform/http/webhook-signature.ts).
 */
export const postWebhook = async (r: {
  readonly url: string
  readonly secret: string
  readonly deliveryId: string
  readonly body: string
  readonly now: Date
  readonly timeoutMs: number
}): Promise<PostOutcome> => {
  const t = Math.floor(r.now.getTime() / 1000)
  const started = performance.now()
  const took = () => Math.round(performance.now() - started)
  try {
    const res = await fetch(r.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(r.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Crest-Webhooks/1',
        'crest-webhook-id': r.deliveryId,
        'crest-webhook-timestamp': String(t),
        'crest-webhook-signature': signatureHeader(r.secret, r.body, t),
      },
      body: r.body,
    })
    await res.body?.cancel().catch(() => undefined)
    const ok = res.status >= 200 && res.status < 300
    return { ok, statusCode: res.status, durationMs: took(), error: ok ? null : `HTTP ${res.status}` }
  } catch (e) {
    const message = describeError(e, r.timeoutMs)
    return { ok: false, statusCode: null, durationMs: took(), error: message.slice(0, 1000) }
  }
}
