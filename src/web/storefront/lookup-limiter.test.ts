import { expect, test } from 'vitest'
import { createLookupLimiter } from './lookup-limiter.ts'

test('allows `max` attempts per window and key, then says how long to wait', () => {
  let t = 0
  const limiter = createLookupLimiter({ max: 2, windowMs: 60_000, now: () => t })
  expect(limiter.take('a')).toBe(0)
  expect(limiter.take('a')).toBe(0)
  t = 30_000
  expect(limiter.take('a')).toBe(30)
  expect(limiter.take('b')).toBe(0)
  t = 60_000
  expect(limiter.take('a')).toBe(0)
})
