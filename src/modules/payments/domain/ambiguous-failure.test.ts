import { describe, expect, test } from 'vitest'
import { isAmbiguousFailure } from './ambiguous-failure.ts'

describe('isAmbiguousFailure', () => {
  test.each([
    ['timeout', 'timeout', false],
    ['timeout', 'timeout', true],
    ['conflict', 'idempotency_in_progress', false],
    ['unavailable', 'network', true],
    ['unavailable', 'http_502', true],
  ] as const)('%s (%s, sent=%s) may have authorised: ambiguous', (kind, reason, sent) => {
    expect(isAmbiguousFailure({ kind, reason, sent })).toBe(true)
  })

  test.each([
    ['unavailable', 'breaker_open', false],
    ['timeout', 'breaker_open', false],
    ['unavailable', 'connection_refused', false],
    ['unavailable', 'provider_unavailable', false],
    ['rejected', 'invalid_request', false],
    ['rejected', 'invalid_request', true],
  ] as const)('%s (%s, sent=%s) did nothing at the gateway: definite', (kind, reason, sent) => {
    expect(isAmbiguousFailure({ kind, reason, sent })).toBe(false)
  })
})
