import { expect, test } from 'vitest'
import { canonicalJson, createIdempotencyStore } from './idempotency-store.ts'

test('first claim is new, a duplicate in flight is refused, a settled one replays', () => {
  const keys = createIdempotencyStore()
  expect(keys.claim('k', 'a')).toEqual({ kind: 'new' })
  expect(keys.claim('k', 'a')).toEqual({ kind: 'in_flight' })
  keys.settle('k', { status: 402, body: { error: { code: 'card_declined' } } })
  expect(keys.claim('k', 'a')).toEqual({ kind: 'replay', answer: { status: 402, body: { error: { code: 'card_declined' } } } })
  expect(keys.claim('k', 'b')).toEqual({ kind: 'mismatch' })
})

test('a 5xx answer is not kept: the key is free for a retry', () => {
  const keys = createIdempotencyStore()
  keys.claim('k', 'a')
  keys.settle('k', { status: 503, body: {} })
  expect(keys.claim('k', 'a')).toEqual({ kind: 'new' })
})

test('keys expire after 24 hours', () => {
  let now = 0
  const keys = createIdempotencyStore(() => now)
  keys.claim('k', 'a')
  keys.settle('k', { status: 201, body: {} })
  now = 24 * 3600 * 1000 + 1
  expect(keys.claim('k', 'b')).toEqual({ kind: 'new' })
})

test('canonical JSON ignores key order', () => {
  expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }))
  expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }))
})
