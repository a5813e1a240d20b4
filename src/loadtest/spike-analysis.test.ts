import { expect, test } from 'vitest'
import { buildSchedule } from './arrival-schedule.ts'
import { createRunStats, recordAnswer, secondAt } from './run-stats.ts'
import { analyseSpike } from './spike-analysis.ts'

/** A run of 40 s with a spike at 10–15 s; `p99At(t)` sets each second's latencies. */
const run = (latencyAt: (t: number) => number, shedAt: (t: number) => number = () => 0) => {
  const schedule = buildSchedule('spike', { rate: 5, durationS: 40, spikeAtS: 10, spikeForS: 5 })
  const stats = createRunStats(0)
  for (let t = 0; t < 40; t++) {
    secondAt(stats, t)
    for (let i = 0; i < 100; i++)
      recordAnswer(
        stats,
        {
          at: t + 0.5,
          request: 'GET product',
          phase: 'x',
          ms: latencyAt(t),
          status: 200,
          code: 'http_200',
          outcome: 'ok',
          timedOut: false,
        },
        500,
      )
    for (let i = 0; i < shedAt(t); i++)
      recordAnswer(
        stats,
        { at: t + 0.5, request: 'GET product', phase: 'x', ms: 1, status: 503, code: 'overloaded', outcome: 'shed', timedOut: false },
        500,
      )
  }
  return analyseSpike(schedule, stats.seconds, 500)
}

test('latency back to normal 4 s after the spike ends; shed answers and slow ones counted', () => {
  const a = run(
    (t) => (t >= 10 && t < 19 ? 800 : 20),
    (t) => (t >= 10 && t < 15 ? 30 : 0),
  )
  expect(a).not.toBeNull()
  expect(a?.baselineP99Ms).toBeGreaterThanOrEqual(20)
  expect(a?.baselineP99Ms).toBeLessThanOrEqual(20.4)
  expect(a?.recoveredAfterS).toBe(4)
  expect(a?.underTargetAfterS).toBe(4)
  expect(a?.shed).toBe(150)
  expect(a?.acceptedOverTarget).toBe(900)
  expect(a?.accepted.count).toBe(900)
})

test('a spike that never disturbs latency recovers at once (0 s)', () => {
  const a = run(() => 20)
  expect(a?.recoveredAfterS).toBe(0)
  expect(a?.acceptedOverTarget).toBe(0)
})

test('normal means no worse than the worst second before the spike; within the target can come sooner', () => {
  // a noisy steady state (one 300 ms second), 600 ms seconds after the spike until 22 s, then 250 ms until 30 s
  const a = run((t) => (t === 2 ? 300 : t >= 10 && t < 22 ? 600 : t >= 22 && t < 30 ? 250 : 20))
  expect(a?.normalP99Ms).toBeGreaterThanOrEqual(300)
  expect(a?.recoveredAfterS).toBe(7)
  expect(a?.underTargetAfterS).toBe(7)
  const b = run((t) => (t >= 10 && t < 18 ? 900 : t >= 18 && t < 30 ? 400 : 20))
  expect(b?.underTargetAfterS).toBe(3)
  expect(b?.recoveredAfterS).toBe(15)
})

test('latency that never comes back reads as null', () => {
  expect(run((t) => (t >= 10 ? 900 : 20))?.recoveredAfterS).toBeNull()
})

test('no spike in the schedule: no analysis', () => {
  expect(analyseSpike(buildSchedule('steady', { rate: 1, durationS: 5 }), [], 500)).toBeNull()
})
