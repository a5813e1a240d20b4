import type { Schedule } from './arrival-schedule.ts'
import { createHistogram, figures, type LatencyFigures, merge, percentile } from './latency-histogram.ts'
import type { Second } from './run-stats.ts'

export type SpikeAnalysis = {
  readonly fromS: number
  readonly toS: number
  /** median of the per-second p99 over the 30 s before the spike */
  readonly baselineP99Ms: number
  /** a second is normal again when its p99 is at most this: 1.5 × the baseline, the baseline + 25 ms, or the worst second before the spike, whichever is highest */
  readonly normalP99Ms: number
  /** answers that were not shed, from the spike's start until latency was normal again */
  readonly accepted: LatencyFigures
  readonly acceptedOverTarget: number
  readonly shed: number
  readonly errors: number
  readonly timeouts: number
  /** seconds from the spike's end until three seconds in a row were normal; 0 if it never left normal; null if it never came back */
  readonly recoveredAfterS: number | null
  /** seconds from the spike's end until three seconds in a row had p99 within the target; null if never */
  readonly underTargetAfterS: number | null
}

const median = (xs: number[]) => {
  if (xs.length === 0) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)] as number
}

const STEADY_SECONDS = 3

/** The first second from `from` on that begins STEADY_SECONDS seconds in a row with p99 ≤ limit (a second without answers counts). */
const firstSteady = (seconds: readonly Second[], from: number, limit: number): number | null => {
  const ok = (s: Second | undefined) => s !== undefined && (s.latency.count === 0 || percentile(s.latency, 0.99) <= limit)
  for (let k = from; k + STEADY_SECONDS <= seconds.length; k++)
    if (Array.from({ length: STEADY_SECONDS }, (_, i) => ok(seconds[k + i])).every(Boolean)) return k
  return null
}

/** How the store took a ×10 spike: see SpikeAnalysis. null when the schedule has no spike. */
export const analyseSpike = (schedule: Schedule, seconds: readonly Second[], p99TargetMs: number): SpikeAnalysis | null => {
  const spike = schedule.segments.find((s) => s.label === 'spike')
  if (!spike) return null
  const from = Math.floor(spike.fromS)
  const to = Math.ceil(spike.toS)
  const p99 = (s: Second) => percentile(s.latency, 0.99)
  const before = seconds.filter((s) => s.t >= from - 30 && s.t < from && s.latency.count > 0).map(p99)
  const baseline = median(before)
  const normal = Math.max(baseline * 1.5, baseline + 25, ...before)
  const recovered = firstSteady(seconds, to, normal)
  const underTarget = firstSteady(seconds, to, p99TargetMs)
  // the window ends when latency is normal again, or at the next flash sale, whichever is first
  const nextFlash = schedule.flash.map((f) => Math.floor(f.atS)).filter((t) => t >= to)
  const until = Math.min(recovered ?? seconds.length, ...nextFlash)
  const window = seconds.filter((s) => s.t >= from && s.t < Math.max(until, to))
  const accepted = window.reduce((h, s) => merge(h, s.latency), createHistogram())
  return {
    fromS: spike.fromS,
    toS: spike.toS,
    baselineP99Ms: Math.round(baseline * 10) / 10,
    normalP99Ms: Math.round(normal * 10) / 10,
    accepted: figures(accepted),
    acceptedOverTarget: window.reduce((a, s) => a + s.overTarget, 0),
    shed: window.reduce((a, s) => a + s.shed, 0),
    errors: window.reduce((a, s) => a + s.errors, 0),
    timeouts: window.reduce((a, s) => a + s.timeouts, 0),
    recoveredAfterS: recovered === null ? null : recovered - to,
    underTargetAfterS: underTarget === null ? null : underTarget - to,
  }
}
