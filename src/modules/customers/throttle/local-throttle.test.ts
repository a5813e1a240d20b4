import { expect, test } from 'vitest'
import type { ThrottleRule } from '../domain/throttle-delay.ts'
import { localThrottle } from './local-throttle.ts'

const rule: ThrottleRule = { free: 2, baseMs: 1000, maxMs: 4000, windowMs: 60_000 }

const setup = () => {
  let t = 1_000_000
  const throttle = localThrottle({ now: () => t })
  return { throttle, advance: (ms: number) => (t += ms) }
}

test('locks after the free failures, doubling up to the cap', async () => {
  const { throttle, advance } = setup()
  const fail = async () => (await throttle.recordFailure([{ key: 'a', rule }]))[0]
  expect(await fail()).toEqual({ failures: 1, lockMs: 0 })
  expect(await fail()).toEqual({ failures: 2, lockMs: 0 })
  expect(await throttle.lockedForMs(['a'])).toBe(0)
  expect(await fail()).toEqual({ failures: 3, lockMs: 1000 })
  expect(await throttle.lockedForMs(['a', 'b'])).toBe(1000)
  advance(400)
  expect(await throttle.lockedForMs(['a'])).toBe(600)
  advance(600)
  expect(await throttle.lockedForMs(['a'])).toBe(0)
  expect((await fail())?.lockMs).toBe(2000)
  expect((await fail())?.lockMs).toBe(4000)
  expect((await fail())?.lockMs).toBe(4000)
})

test('the count forgets after a quiet window; clear forgets at once', async () => {
  const { throttle, advance } = setup()
  for (let i = 0; i < 3; i++) await throttle.recordFailure([{ key: 'a', rule }])
  advance(rule.windowMs + 1)
  expect(await throttle.recordFailure([{ key: 'a', rule }])).toEqual([{ failures: 1, lockMs: 0 }])
  for (let i = 0; i < 3; i++) await throttle.recordFailure([{ key: 'a', rule }])
  expect(await throttle.lockedForMs(['a'])).toBeGreaterThan(0)
  await throttle.clear('a')
  expect(await throttle.lockedForMs(['a'])).toBe(0)
})

test('keys are counted apart', async () => {
  const { throttle } = setup()
  for (let i = 0; i < 3; i++) await throttle.recordFailure([{ key: 'a', rule }])
  expect(await throttle.lockedForMs(['b'])).toBe(0)
})
