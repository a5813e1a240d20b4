import type { Segment } from './arrival-schedule.ts'
import { merge } from './latency-histogram.ts'
import type { LoadResult } from './run-load.ts'
import { createRunStats, secondAt } from './run-stats.ts'

/** Several runs (the knee's steps) as one timeline: seconds laid end to end, totals added. */
export const joinRuns = (
  runs: readonly { result: LoadResult; label: string; rate: number }[],
): { result: LoadResult; segments: Segment[] } => {
  const first = runs[0]
  const joined = createRunStats(first ? first.result.stats.startedAt : Date.now())
  const segments: Segment[] = []
  let offset = 0
  let offered = 0
  let started = 0
  let dropped = 0
  let unfinished = 0
  for (const { result: r, label, rate } of runs) {
    const s = r.stats
    for (const x of s.seconds) {
      const into = secondAt(joined, offset + x.t)
      Object.assign(into, { ...x, t: into.t, latency: merge(into.latency, x.latency) })
    }
    for (const [k, h] of s.byRequest)
      joined.byRequest.set(k, merge(joined.byRequest.get(k) ?? { counts: new Map(), count: 0, sum: 0, max: 0 }, h))
    for (const h of s.byPhase.values())
      joined.byPhase.set(label, merge(joined.byPhase.get(label) ?? { counts: new Map(), count: 0, sum: 0, max: 0 }, h))
    for (const [k, a] of s.answers) {
      const e = joined.answers.get(k) ?? { outcome: a.outcome, count: 0 }
      e.count += a.count
      joined.answers.set(k, e)
    }
    merge(joined.overall, s.overall)
    joined.orders += s.orders
    joined.flashOrders += s.flashOrders
    joined.retries += s.retries
    joined.gaveUpAfterRetries += s.gaveUpAfterRetries
    segments.push({ label, fromS: offset, toS: offset + s.seconds.length, rateFrom: rate, rateTo: rate })
    offset += s.seconds.length
    offered += r.offered
    started += r.started
    dropped += r.dropped
    unfinished += r.unfinished
  }
  return { result: { stats: joined, offered, started, dropped, unfinished }, segments }
}
