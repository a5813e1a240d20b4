import { expect, test } from 'vitest'
import { classifyAnswer, retryAfterSeconds } from './classify-answer.ts'

test('429/503 with Retry-After are shed; without it they are errors', () => {
  expect(classifyAnswer({ status: 503, code: 'overloaded', retryAfter: '1' })).toBe('shed')
  expect(classifyAnswer({ status: 429, code: 'too_many_requests', retryAfter: '5' })).toBe('shed')
  expect(classifyAnswer({ status: 503, code: 'overloaded', retryAfter: undefined })).toBe('error')
  expect(classifyAnswer({ status: 502, code: 'http_502', retryAfter: '1' })).toBe('error')
})

test('2xx is ok, 409 out of stock is a sold-out answer, other answers and network failures are errors', () => {
  expect(classifyAnswer({ status: 201, code: 'http_201', retryAfter: undefined })).toBe('ok')
  expect(classifyAnswer({ status: 409, code: 'out_of_stock', retryAfter: undefined })).toBe('sold_out')
  expect(classifyAnswer({ status: 409, code: 'insufficient_stock', retryAfter: undefined })).toBe('sold_out')
  expect(classifyAnswer({ status: 409, code: 'idempotency_in_progress', retryAfter: undefined })).toBe('error')
  expect(classifyAnswer({ status: 500, code: 'internal', retryAfter: undefined })).toBe('error')
  expect(classifyAnswer({ status: 0, code: 'timeout', retryAfter: undefined })).toBe('error')
})

test('Retry-After in seconds or as a date, capped', () => {
  const now = Date.parse('2026-11-27T10:00:00Z')
  expect(retryAfterSeconds('2', now, 10)).toBe(2)
  expect(retryAfterSeconds('120', now, 10)).toBe(10)
  expect(retryAfterSeconds('Fri, 27 Nov 2026 10:00:03 GMT', now, 10)).toBe(3)
  expect(retryAfterSeconds('Fri, 27 Nov 2026 09:00:00 GMT', now, 10)).toBe(0)
  expect(retryAfterSeconds('soon', now, 10)).toBeNull()
  expect(retryAfterSeconds(undefined, now, 10)).toBeNull()
})
