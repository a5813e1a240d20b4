import { expect, test } from 'vitest'
import { CARRIER_ERROR_CODES, countsAgainstBreaker, errorOfReply, isRetryable } from './carrier-errors.ts'

test('HTTP answers map onto stable codes', () => {
  const code = (status: number, c?: string) => errorOfReply('sbx', status, c).code
  expect(code(503, 'carrier_unavailable')).toBe('FULFILLMENT_CARRIER_UNAVAILABLE')
  expect(code(502)).toBe('FULFILLMENT_CARRIER_UNAVAILABLE')
  expect(code(429)).toBe('FULFILLMENT_CARRIER_UNAVAILABLE')
  expect(code(404, 'not_found')).toBe('FULFILLMENT_CARRIER_NOT_FOUND')
  expect(code(409, 'idempotency_in_progress')).toBe('FULFILLMENT_CARRIER_IN_PROGRESS')
  expect(code(409, 'idempotency_key_reused')).toBe('FULFILLMENT_CARRIER_KEY_REUSED')
  expect(code(409, 'invalid_state')).toBe('FULFILLMENT_CARRIER_INVALID_STATE')
  expect(code(422, 'service_unavailable')).toBe('FULFILLMENT_CARRIER_REJECTED')
  expect(code(400)).toBe('FULFILLMENT_CARRIER_REJECTED')
})

test('the reason keeps the carrier code, or the status when there is none', () => {
  expect(errorOfReply('sbx', 502, undefined)).toEqual({
    code: 'FULFILLMENT_CARRIER_UNAVAILABLE',
    carrier: 'sbx',
    reason: 'http_502',
    message: 'Carrier sbx: http_502',
  })
})

test('only outages, timeouts and in-progress conflicts are retried; only outages and timeouts trip the breaker', () => {
  expect(CARRIER_ERROR_CODES.filter(isRetryable)).toEqual([
    'FULFILLMENT_CARRIER_UNAVAILABLE',
    'FULFILLMENT_CARRIER_TIMEOUT',
    'FULFILLMENT_CARRIER_IN_PROGRESS',
  ])
  expect(CARRIER_ERROR_CODES.filter(countsAgainstBreaker)).toEqual(['FULFILLMENT_CARRIER_UNAVAILABLE', 'FULFILLMENT_CARRIER_TIMEOUT'])
})
