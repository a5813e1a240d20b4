import { expect, test } from 'vitest'
import { isFirstLock, lockMsFor, retryAfterSeconds, type ThrottleRule } from './throttle-delay.ts'

const rule: ThrottleRule = { free: 3, baseMs: 1000, maxMs: 10_000, windowMs: 60_000 }

test('free failures cost nothing, then the lock doubles up to the cap', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((n) => lockMsFor(n, rule))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 10_000, 10_000])
})

test('huge failure counts stay finite', () => {
  expect(lockMsFor(1e9, rule)).toBe(10_000)
})

test('Retry-After is whole seconds, at least 1 while locked', () => {
  expect(retryAfterSeconds(0)).toBe(0)
  expect(retryAfterSeconds(1)).toBe(1)
  expect(retryAfterSeconds(1000)).toBe(1)
  expect(retryAfterSeconds(1001)).toBe(2)
})

test('the owner is told once per run, at the first lock', () => {
  expect([3, 4, 5].map((n) => isFirstLock(n, rule))).toEqual([false, true, false])
})
