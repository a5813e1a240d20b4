import { describe, expect, test } from 'vitest'
import { findKnee, judgeStep, type KneeOptions, type TrialResult } from './knee-search.ts'

const o: KneeOptions = { startRate: 10, growth: 1.5, maxSteps: 10, refineSteps: 2, p99TargetMs: 500, maxErrorRate: 0.01 }

/** a store whose p99 stays at 50 ms up to `capacity` journeys/s and explodes past it */
const store =
  (capacity: number) =>
  async (rate: number): Promise<TrialResult> => ({
    rate,
    p99Ms: rate <= capacity ? 50 : 2000,
    errorRate: 0,
    shedRate: 0,
    offeredRatio: 1,
  })

describe('knee search', () => {
  test('steps up ×1.5 until a step fails, then bisects: reports the highest rate held', async () => {
    const r = await findKnee(o, store(30))
    expect(r.steps.map((s) => [s.rate, s.held])).toEqual([
      [10, true],
      [15, true],
      [22.5, true],
      [33.8, false],
      [28.2, true],
      [31, false],
    ])
    expect(r.kneeRate).toBe(28.2)
  })

  test('null when even the first rate fails', async () => {
    const r = await findKnee(o, store(5))
    expect(r.kneeRate).toBeNull()
    expect(r.steps).toHaveLength(1)
  })

  test('bounded: never more trials than maxSteps, even if every step holds', async () => {
    let calls = 0
    const r = await findKnee({ ...o, maxSteps: 4 }, async (rate) => {
      calls++
      return store(1e9)(rate)
    })
    expect(calls).toBe(4)
    expect(r.kneeRate).toBe(33.8)
  })

  test('a step with too many errors, too much shed or a starved generator does not hold', () => {
    const ok: TrialResult = { rate: 10, p99Ms: 100, errorRate: 0, shedRate: 0, offeredRatio: 1 }
    expect(judgeStep(ok, o).held).toBe(true)
    expect(judgeStep({ ...ok, errorRate: 0.02 }, o)).toMatchObject({ held: false, why: 'errors 2.00 % > 1.00 %' })
    expect(judgeStep({ ...ok, shedRate: 0.5 }, o).held).toBe(false)
    expect(judgeStep({ ...ok, offeredRatio: 0.8 }, o).why).toContain('generator offered only 80 %')
    expect(judgeStep({ ...ok, p99Ms: 501 }, o).why).toBe('p99 501 ms > 500 ms')
  })
})
