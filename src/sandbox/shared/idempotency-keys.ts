/** An HTTP answer the sandbox gives (and may replay). */
export type Answer = { readonly status: number; readonly body: unknown }

export type Claim =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly answer: Answer }
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'mismatch' }

type Entry = { readonly fingerprint: string; readonly at: number; readonly answer: Answer | null }

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
 * Idempotency keys as carriers keep them: the first answer to a key is replayed for the same
 * request; another request under the same key, or a duplicate while the first is still being
 * processed, is refused (the handler answers 409 to both). An answer ≥ 500, or a request the caller
 * abandoned before it was processed (`release`), frees the key, so a retry is processed anew.
 */
export const createIdempotencyKeys = (now: () => number = Date.now) => {
  const entries = new Map<string, Entry>()
  const expired = (e: Entry) => e.answer !== null && e.at < now() - KEEP_MS

  const prune = () => {
    if (entries.size < PRUNE_ABOVE) return
    for (const [k, e] of entries) if (expired(e)) entries.delete(k)
  }

  return {
    claim: (key: string, fingerprint: string): Claim => {
      const e = entries.get(key)
      if (!e || expired(e)) {
        prune()
        entries.set(key, { fingerprint, at: now(), answer: null })
        return { kind: 'new' }
      }
      if (e.fingerprint !== fingerprint) return { kind: 'mismatch' }
      return e.answer ? { kind: 'replay', answer: e.answer } : { kind: 'in_flight' }
    },
    settle: (key: string, answer: Answer): void => {
      const e = entries.get(key)
      if (!e) return
      if (answer.status >= 500) entries.delete(key)
      else entries.set(key, { fingerprint: e.fingerprint, at: now(), answer })
    },
    /** Where a key stands, without claiming it: unknown, still being processed, or its answer. */
    peek: (
      key: string,
    ): { readonly kind: 'unknown' } | { readonly kind: 'in_flight' } | { readonly kind: 'answered'; readonly answer: Answer } => {
      const e = entries.get(key)
      if (!e || expired(e)) return { kind: 'unknown' }
      return e.answer ? { kind: 'answered', answer: e.answer } : { kind: 'in_flight' }
    },
    release: (key: string): void => {
      if (entries.get(key)?.answer === null) entries.delete(key)
    },
  }
}
