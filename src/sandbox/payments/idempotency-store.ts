/** An HTTP answer the sandbox gives (and may replay). */
export type Answer = { readonly status: number; readonly body: unknown }

type Entry =
  | { readonly state: 'in_flight'; readonly fingerprint: string; readonly at: number }
  | { readonly state: 'done'; readonly fingerprint: string; readonly at: number; readonly answer: Answer }

export type Claim =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly answer: Answer }
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'mismatch' }

const KEEP_MS = 24 * 3600 * 1000
const PRUNE_ABOVE = 50_000

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
export const canonicalJson = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}

/**
 * Idempotency keys as payment providers keep them: the first answer to a key is replayed for the
 * same request, a different request under the same key is refused, and so is a duplicate that
 * arrives while the first is still being processed. Answers ≥ 500 are not kept (the key is free
 * again), so a retry after an outage is processed anew.
 */
export const createIdempotencyStore = (now: () => number = Date.now) => {
  const entries = new Map<string, Entry>()

  const prune = () => {
    if (entries.size < PRUNE_ABOVE) return
    const cutoff = now() - KEEP_MS
    for (const [k, e] of entries) if (e.at < cutoff && e.state === 'done') entries.delete(k)
  }

  return {
    claim: (key: string, fingerprint: string): Claim => {
      const e = entries.get(key)
      if (!e || (e.state === 'done' && e.at < now() - KEEP_MS)) {
        prune()
        entries.set(key, { state: 'in_flight', fingerprint, at: now() })
        return { kind: 'new' }
      }
      if (e.fingerprint !== fingerprint) return { kind: 'mismatch' }
      return e.state === 'in_flight' ? { kind: 'in_flight' } : { kind: 'replay', answer: e.answer }
    },
    settle: (key: string, answer: Answer): void => {
      const e = entries.get(key)
      if (!e) return
      if (answer.status >= 500) entries.delete(key)
      else entries.set(key, { state: 'done', fingerprint: e.fingerprint, at: now(), answer })
    },
  }
}
