import type { Schedule } from './arrival-schedule.ts'
import type { JourneyMix } from './journey-mix.ts'
import type { KneeResult } from './knee-search.ts'
import { figures, type LatencyFigures, percentile } from './latency-histogram.ts'
import type { LoadResult } from './run-load.ts'
import { analyseSpike, type SpikeAnalysis } from './spike-analysis.ts'

export type SecondRow = {
  readonly t: number
  readonly offered: number
  readonly started: number
  readonly dropped: number
  readonly requests: number
  readonly ok: number
  readonly shed: number
  readonly soldOut: number
  readonly errors: number
  readonly overTarget: number
  readonly timeouts: number
  readonly orders: number
  readonly inFlight: number
  readonly p50: number | null
  readonly p95: number | null
  readonly p99: number | null
  readonly stockLeft: number | null
  readonly flashStockLeft: number | null
  readonly waitingRoom: number | null
}

export type RunSummary = {
  readonly target: string
  readonly command: string
  readonly startedAt: string
  readonly profile: string
  readonly rate: number
  readonly durationS: number
  readonly mix: JourneyMix
  readonly p99TargetMs: number
  readonly timeoutMs: number
  readonly schedule: Schedule
  readonly totals: {
    readonly journeysOffered: number
    readonly journeysStarted: number
    readonly journeysDropped: number
    readonly journeysUnfinished: number
    readonly requests: number
    readonly ok: number
    readonly shed: number
    readonly soldOut: number
    readonly errors: number
    readonly timeouts: number
    readonly retries: number
    readonly gaveUpAfterRetries: number
    readonly orders: number
    readonly flashOrders: number
    readonly errorRate: number
    readonly shedRate: number
    readonly requestsPerSecond: number
  }
  readonly latency: LatencyFigures
  readonly byRequest: Record<string, LatencyFigures>
  readonly byPhase: Record<string, LatencyFigures>
  readonly answers: readonly { readonly answer: string; readonly outcome: string; readonly count: number }[]
  readonly stock: {
    readonly popularFirst: number | null
    readonly popularLast: number | null
    readonly flashFirst: number | null
    readonly flashLast: number | null
  }
  /** units the flash-sale gate admitted when the run opened it (null: no gate, no admin token) */
  readonly flashGateUnits: number | null
  readonly waitingRoom: { readonly gaugeFound: boolean; readonly max: number | null }
  readonly spike: SpikeAnalysis | null
  readonly knee: KneeResult | null
  readonly seconds: readonly SecondRow[]
}

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places
const firstOf = <T>(xs: readonly (T | null)[]) => xs.find((x) => x !== null) ?? null
const lastOf = <T>(xs: readonly (T | null)[]) => [...xs].reverse().find((x) => x !== null) ?? null
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)
const mapValues = <V, W>(m: Map<string, V>, f: (v: V) => W) =>
  Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, f(v)]))

export const summarizeRun = (
  r: LoadResult,
  o: {
    target: string
    command: string
    profile: string
    rate: number
    mix: JourneyMix
    p99TargetMs: number
    timeoutMs: number
    schedule: Schedule
    knee?: KneeResult
    flashGateUnits?: number | null
  },
): RunSummary => {
  const s = r.stats
  const rows: SecondRow[] = s.seconds.map((x) => ({
    t: x.t,
    offered: x.offered,
    started: x.started,
    dropped: x.dropped,
    requests: x.requests,
    ok: x.ok,
    shed: x.shed,
    soldOut: x.soldOut,
    errors: x.errors,
    overTarget: x.overTarget,
    timeouts: x.timeouts,
    orders: x.orders,
    inFlight: x.inFlight,
    p50: x.latency.count ? round(percentile(x.latency, 0.5)) : null,
    p95: x.latency.count ? round(percentile(x.latency, 0.95)) : null,
    p99: x.latency.count ? round(percentile(x.latency, 0.99)) : null,
    stockLeft: x.stockLeft,
    flashStockLeft: x.flashStockLeft,
    waitingRoom: x.waitingRoom,
  }))
  const requests = sum(rows.map((x) => x.requests))
  const errors = sum(rows.map((x) => x.errors))
  const shed = sum(rows.map((x) => x.shed))
  const rooms = rows.map((x) => x.waitingRoom).filter((x): x is number => x !== null)
  return {
    target: o.target,
    command: o.command,
    startedAt: new Date(s.startedAt).toISOString(),
    profile: o.profile,
    rate: o.rate,
    durationS: o.schedule.durationS,
    mix: o.mix,
    p99TargetMs: o.p99TargetMs,
    timeoutMs: o.timeoutMs,
    schedule: o.schedule,
    totals: {
      journeysOffered: r.offered,
      journeysStarted: r.started,
      journeysDropped: r.dropped,
      journeysUnfinished: r.unfinished,
      requests,
      ok: sum(rows.map((x) => x.ok)),
      shed,
      soldOut: sum(rows.map((x) => x.soldOut)),
      errors,
      timeouts: sum(rows.map((x) => x.timeouts)),
      retries: s.retries,
      gaveUpAfterRetries: s.gaveUpAfterRetries,
      orders: s.orders,
      flashOrders: s.flashOrders,
      errorRate: requests ? round(errors / requests, 5) : 0,
      shedRate: requests ? round(shed / requests, 5) : 0,
      requestsPerSecond: rows.length ? round(requests / Math.max(1, Math.min(rows.length, o.schedule.durationS))) : 0,
    },
    latency: figures(s.overall),
    byRequest: mapValues(s.byRequest, figures),
    byPhase: mapValues(s.byPhase, figures),
    answers: [...s.answers].map(([answer, v]) => ({ answer, outcome: v.outcome, count: v.count })).sort((a, b) => b.count - a.count),
    stock: {
      popularFirst: firstOf(rows.map((x) => x.stockLeft)),
      popularLast: lastOf(rows.map((x) => x.stockLeft)),
      flashFirst: firstOf(rows.map((x) => x.flashStockLeft)),
      flashLast: lastOf(rows.map((x) => x.flashStockLeft)),
    },
    flashGateUnits: o.flashGateUnits ?? null,
    waitingRoom: { gaugeFound: rooms.length > 0, max: rooms.length ? Math.max(...rooms) : null },
    spike: analyseSpike(o.schedule, s.seconds, o.p99TargetMs),
    knee: o.knee ?? null,
    seconds: rows,
  }
}
