import { expect, test } from 'vitest'
import { afterFailure, retryDelayMs } from './retry-schedule.ts'

const policy = { maxAttempts: 5, baseMs: 30_000, maxMs: 600_000 }
const now = new Date('2026-01-05T10:00:00.000Z')

test('doubles from the base up to the cap; with random 1 the full delay, with 0 half of it', () => {
  const full = [1, 2, 3, 4, 5, 6, 50].map((a) => retryDelayMs(a, policy, () => 1))
  expect(full).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000])
  const half = [1, 2, 3].map((a) => retryDelayMs(a, policy, () => 0))
  expect(half).toEqual([15_000, 30_000, 60_000])
})

test('the jitter stays between half and all of the exponential delay', () => {
  for (let i = 0; i < 200; i++) {
    const d = retryDelayMs(3, policy, Math.random)
    expect(d).toBeGreaterThanOrEqual(60_000)
    expect(d).toBeLessThanOrEqual(120_000)
  }
})

test('retries until the last attempt, then gives up', () => {
  expect(afterFailure({ attempt: 1, permanent: false, now }, policy, () => 1)).toEqual({
    kind: 'retry',
    at: new Date('2026-01-05T10:00:30.000Z'),
  })
  expect(afterFailure({ attempt: 4, permanent: false, now }, policy, () => 1)).toEqual({
    kind: 'retry',
    at: new Date('2026-01-05T10:04:00.000Z'),
  })
  expect(afterFailure({ attempt: 5, permanent: false, now }, policy, () => 1)).toEqual({ kind: 'give_up' })
  expect(afterFailure({ attempt: 9, permanent: false, now }, policy, () => 1)).toEqual({ kind: 'give_up' })
})

test('a permanent failure gives up at once', () => {
  expect(afterFailure({ attempt: 1, permanent: true, now }, policy, () => 1)).toEqual({ kind: 'give_up' })
})

test('one attempt in all means no retry', () => {
  expect(afterFailure({ attempt: 1, permanent: false, now }, { ...policy, maxAttempts: 1 }, () => 1)).toEqual({ kind: 'give_up' })
})
