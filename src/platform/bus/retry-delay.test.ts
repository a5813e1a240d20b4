import { expect, test } from 'vitest'
import { isLastAttempt, retryDelayMs } from './retry-delay.ts'

const policy = { baseMs: 1000, maxMs: 60_000 }

test('the delay doubles with each attempt, between half and all of the exponential step', () => {
  expect(retryDelayMs(1, policy, () => 0)).toBe(500)
  expect(retryDelayMs(1, policy, () => 1)).toBe(1000)
  expect(retryDelayMs(2, policy, () => 0)).toBe(1000)
  expect(retryDelayMs(4, policy, () => 1)).toBe(8000)
  for (let a = 1; a < 6; a++) expect(retryDelayMs(a + 1, policy, () => 0)).toBe(2 * retryDelayMs(a, policy, () => 0))
})

test('the delay never exceeds the cap, even for absurd attempt numbers', () => {
  expect(retryDelayMs(7, policy, () => 1)).toBe(60_000)
  expect(retryDelayMs(1000, policy, () => 1)).toBe(60_000)
  expect(retryDelayMs(1000, policy, () => 0)).toBe(30_000)
})

test('jitter spreads a burst of retries', () => {
  let seed = 1
  const random = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, policy, random)))
  expect(delays.size).toBeGreaterThan(40)
  for (const d of delays) expect(d).toBeGreaterThanOrEqual(2000)
})

test('the last attempt is the one numbered maxAttempts', () => {
  expect(isLastAttempt(7, { maxAttempts: 8 })).toBe(false)
  expect(isLastAttempt(8, { maxAttempts: 8 })).toBe(true)
  expect(isLastAttempt(1, { maxAttempts: 1 })).toBe(true)
})
