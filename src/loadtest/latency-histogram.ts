/**
 * A log-bucketed latency histogram: each bucket is 2 % wider than the one before, from 0.1 ms up,
 * so any percentile read from it is within 2 % of the true value, with constant memory however
 * many requests a run makes. Percentiles use the nearest rank (the smallest value with at least
 * q of the samples at or below it), reported as the bucket's upper bound, capped at the maximum.
 */
const GROWTH = 1.02
const FLOOR_MS = 0.1
const LOG_GROWTH = Math.log(GROWTH)

export type Histogram = { counts: Map<number, number>; count: number; sum: number; max: number }

export const createHistogram = (): Histogram => ({ counts: new Map(), count: 0, sum: 0, max: 0 })

export const bucketOf = (ms: number): number => (ms <= FLOOR_MS ? 0 : 1 + Math.floor(Math.log(ms / FLOOR_MS) / LOG_GROWTH))

export const bucketUpperMs = (bucket: number): number => FLOOR_MS * GROWTH ** bucket

export const record = (h: Histogram, ms: number): void => {
  const v = Math.max(0, ms)
  const b = bucketOf(v)
  h.counts.set(b, (h.counts.get(b) ?? 0) + 1)
  h.count++
  h.sum += v
  if (v > h.max) h.max = v
}

export const merge = (into: Histogram, from: Histogram): Histogram => {
  for (const [b, n] of from.counts) into.counts.set(b, (into.counts.get(b) ?? 0) + n)
  into.count += from.count
  into.sum += from.sum
  into.max = Math.max(into.max, from.max)
  return into
}

/** The q-quantile (0 < q ≤ 1) in ms; 0 for an empty histogram. */
export const percentile = (h: Histogram, q: number): number => {
  if (h.count === 0) return 0
  const rank = Math.max(1, Math.ceil(q * h.count))
  let seen = 0
  for (const b of [...h.counts.keys()].sort((x, y) => x - y)) {
    seen += h.counts.get(b) as number
    if (seen >= rank) return Math.min(bucketUpperMs(b), h.max)
  }
  return h.max
}

export type LatencyFigures = {
  readonly count: number
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly max: number
  readonly mean: number
}

const round1 = (n: number) => Math.round(n * 10) / 10

export const figures = (h: Histogram): LatencyFigures => ({
  count: h.count,
  p50: round1(percentile(h, 0.5)),
  p95: round1(percentile(h, 0.95)),
  p99: round1(percentile(h, 0.99)),
  max: round1(h.max),
  mean: h.count ? round1(h.sum / h.count) : 0,
})
