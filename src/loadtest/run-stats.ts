import type { Outcome } from './classify-answer.ts'
import { createHistogram, type Histogram, record } from './latency-histogram.ts'

/** What happened in one second of the run (requests by the second they were answered). */
export type Second = {
  readonly t: number
  /** journeys the schedule asked to start by the end of this second, minus those of the second before */
  offered: number
  started: number
  /** journeys not started because the generator's in-flight cap was reached */
  dropped: number
  requests: number
  ok: number
  shed: number
  soldOut: number
  errors: number
  /** answers slower than the p99 target (shed answers excluded) */
  overTarget: number
  timeouts: number
  orders: number
  inFlight: number
  latency: Histogram
  stockLeft: number | null
  flashStockLeft: number | null
  waitingRoom: number | null
}

export type RunStats = {
  readonly startedAt: number
  readonly seconds: Second[]
  readonly overall: Histogram
  /** latency of non-shed answers by request kind (e.g. `GET product`, `POST checkout`) */
  readonly byRequest: Map<string, Histogram>
  readonly byPhase: Map<string, Histogram>
  /** non-2xx answers: `503 overloaded` → count, with their outcome */
  readonly answers: Map<string, { outcome: Outcome; count: number }>
  orders: number
  flashOrders: number
  retries: number
  gaveUpAfterRetries: number
}

export const createRunStats = (startedAt: number): RunStats => ({
  startedAt,
  seconds: [],
  overall: createHistogram(),
  byRequest: new Map(),
  byPhase: new Map(),
  answers: new Map(),
  orders: 0,
  flashOrders: 0,
  retries: 0,
  gaveUpAfterRetries: 0,
})

const MAX_SECONDS = 24 * 3600

/** The bucket of second t (created with its predecessors on first use). */
export const secondAt = (s: RunStats, t: number): Second => {
  const i = Math.min(MAX_SECONDS, Math.max(0, Math.floor(t)))
  while (s.seconds.length <= i) {
    s.seconds.push({
      t: s.seconds.length,
      offered: 0,
      started: 0,
      dropped: 0,
      requests: 0,
      ok: 0,
      shed: 0,
      soldOut: 0,
      errors: 0,
      overTarget: 0,
      timeouts: 0,
      orders: 0,
      inFlight: 0,
      latency: createHistogram(),
      stockLeft: null,
      flashStockLeft: null,
      waitingRoom: null,
    })
  }
  return s.seconds[i] as Second
}

const histIn = (m: Map<string, Histogram>, key: string) => {
  const h = m.get(key) ?? createHistogram()
  m.set(key, h)
  return h
}

export type AnswerRecord = {
  readonly at: number
  readonly request: string
  readonly phase: string
  readonly ms: number
  readonly status: number
  readonly code: string
  readonly outcome: Outcome
  readonly timedOut: boolean
}

export const recordAnswer = (s: RunStats, a: AnswerRecord, p99TargetMs: number): void => {
  const sec = secondAt(s, a.at)
  sec.requests++
  if (a.outcome === 'ok') sec.ok++
  else if (a.outcome === 'shed') sec.shed++
  else if (a.outcome === 'sold_out') sec.soldOut++
  else sec.errors++
  if (a.timedOut) sec.timeouts++
  if (a.outcome !== 'ok') {
    const key = `${a.status === 0 ? `network ${a.code}` : `${a.status} ${a.code}`} · ${a.request}`
    const e = s.answers.get(key) ?? { outcome: a.outcome, count: 0 }
    e.count++
    s.answers.set(key, e)
  }
  if (a.outcome === 'shed') return
  if (a.ms > p99TargetMs) sec.overTarget++
  record(sec.latency, a.ms)
  record(s.overall, a.ms)
  record(histIn(s.byRequest, a.request), a.ms)
  record(histIn(s.byPhase, a.phase), a.ms)
}

export const recordOrder = (s: RunStats, at: number, flash: boolean): void => {
  secondAt(s, at).orders++
  s.orders++
  if (flash) s.flashOrders++
}
