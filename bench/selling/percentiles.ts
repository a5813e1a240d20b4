/** Latency summary of a list of durations in ms (nearest-rank percentiles). */
export type LatencySummary = {
  readonly count: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly max: number
}

export const summarize = (ms: readonly number[]): LatencySummary => {
  if (ms.length === 0) return { count: 0, p50: 0, p90: 0, p99: 0, max: 0 }
  const s = [...ms].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number
  const round = (n: number) => Math.round(n * 10) / 10
  return { count: s.length, p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(s[s.length - 1] as number) }
}
