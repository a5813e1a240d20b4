import { expect, test } from 'vitest'
import { canonicalJson, createIdempotencyKeys } from './idempotency-keys.ts'

test('first claim is new, a duplicate in flight is refused, a settled one replays, another body is a mismatch', () => {
  const keys = createIdempotencyKeys()
  expect(keys.claim('k', 'a')).toEqual({ kind: 'new' })
  expect(keys.claim('k', 'a')).toEqual({ kind: 'in_flight' })
  expect(keys.claim('k', 'b')).toEqual({ kind: 'mismatch' })
  keys.settle('k', { status: 201, body: { id: 'shp_1' } })
  expect(keys.claim('k', 'a')).toEqual({ kind: 'replay', answer: { status: 201, body: { id: 'shp_1' } } })
  expect(keys.claim('k', 'b')).toEqual({ kind: 'mismatch' })
})

test('a 5xx answer is not kept, and a released claim frees the key', () => {
  const keys = createIdempotencyKeys()
  keys.claim('k', 'a')
  keys.settle('k', { status: 503, body: {} })
  expect(keys.claim('k', 'a')).toEqual({ kind: 'new' })
  keys.release('k')
  expect(keys.claim('k', 'b')).toEqual({ kind: 'new' })
})

test('release never drops a settled answer', () => {
  const keys = createIdempotencyKeys()
  keys.claim('k', 'a')
  keys.settle('k', { status: 201, body: {} })
  keys.release('k')
  expect(keys.claim('k', 'a')).toMatchObject({ kind: 'replay' })
})

test('keys expire after 24 hours', () => {
  let now = 0
  const keys = createIdempotencyKeys(() => now)
  keys.claim('k', 'a')
  keys.settle('k', { status: 201, body: {} })
  now = 24 * 3600 * 1000 + 1
  expect(keys.claim('k', 'b')).toEqual({ kind: 'new' })
})

test('canonical JSON ignores key order', () => {
  expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }))
  expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }))
})
