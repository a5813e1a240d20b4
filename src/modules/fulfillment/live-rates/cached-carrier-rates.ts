import type { HotMemo } from '../../../platform/cache/hot-memo.ts'
import type { Carrier, CarrierRate } from '../carriers/carrier.ts'
import { bandGrams } from './weight-band.ts'

export type RateQuery = { readonly from: string; readonly to: string; readonly band: number }

/** What a rate lookup came to: the carrier's rates (from the cache or the carrier), or why there are none. */
export type RateLookup =
  | { readonly ok: true; readonly rates: readonly CarrierRate[]; readonly cached: boolean }
  | { readonly ok: false; readonly reason: string }

const keyOf = (carrier: string, q: RateQuery) => `live-rates:${carrier}:${q.from}:${q.to}:${q.band}`

const deadline = (ms: number) => {
  let timer: NodeJS.Timeout | undefined
  const promise = new Promise<RateLookup>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${ms} ms` }), ms)
    timer.unref()
  })
  return { promise, clear: () => clearTimeout(timer) }
}

/**
 * The carrier's rates for a destination and weight band: from the memo (Redis when configured,
 * so every process shares them; else this process) or from the carrier, whose adapter applies its
 * own timeout and circuit breaker (an open breaker answers at once). The whole lookup is bounded
 * by `timeoutMs` whatever happens inside, so a slow carrier costs a shopper at most that.
 */
export const cachedCarrierRates =
  (d: { readonly carrier: Carrier; readonly memo: HotMemo; readonly timeoutMs: number }) =>
  async (q: RateQuery): Promise<RateLookup> => {
    const key = keyOf(d.carrier.name, q)
    const hit = await d.memo.get(key)
    if (hit) return { ok: true, rates: JSON.parse(hit) as CarrierRate[], cached: true }
    const abort = new AbortController()
    const limit = deadline(d.timeoutMs)
    const asked = d.carrier
      .rates({ from: { country: q.from }, to: { country: q.to }, weightGrams: bandGrams(q.band), signal: abort.signal })
      .then(async (r): Promise<RateLookup> => {
        if (!r.ok) return { ok: false, reason: r.error.message }
        await d.memo.set(key, JSON.stringify(r.value))
        return { ok: true, rates: r.value, cached: false }
      })
      .catch((e: unknown): RateLookup => ({ ok: false, reason: e instanceof Error ? e.message : String(e) }))
    const answer = await Promise.race([asked, limit.promise])
    limit.clear()
    if (!answer.ok) abort.abort()
    return answer
  }
