/** What an answer means for the shopper and the report. */
export type Outcome = 'ok' | 'shed' | 'sold_out' | 'error'

export type Answer = {
  readonly status: number
  readonly code: string
  readonly retryAfter: string | undefined
}

const SOLD_OUT = new Set(['out_of_stock', 'insufficient_stock', 'sold_out'])

/**
 * 2xx is served; 429/503 carrying Retry-After is shed (the store said "come back", by design under
 * load); 409 out-of-stock is a correct answer in a sale; anything else, including a network error
 * or a timeout (status 0), is an error.
 */
export const classifyAnswer = (a: Answer): Outcome => {
  if (a.status >= 200 && a.status < 300) return 'ok'
  if ((a.status === 429 || a.status === 503) && a.retryAfter !== undefined && a.retryAfter !== '') return 'shed'
  if (a.status === 409 && SOLD_OUT.has(a.code)) return 'sold_out'
  return 'error'
}

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), capped; null if unreadable. */
export const retryAfterSeconds = (header: string | undefined, nowMs: number, capS: number): number | null => {
  if (header === undefined || header === '') return null
  const n = Number(header)
  if (Number.isFinite(n) && n >= 0) return Math.min(n, capS)
  const at = Date.parse(header)
  if (Number.isNaN(at)) return null
  return Math.min(Math.max(0, (at - nowMs) / 1000), capS)
}
