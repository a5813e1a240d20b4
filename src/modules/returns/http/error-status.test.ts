import { expect, test } from 'vitest'
import type { ReturnsError } from '../errors.ts'
import { httpErrorOf } from './error-status.ts'

test('policy refusals are 422 with their own codes; state conflicts 409; outages 503', () => {
  const of = (e: Partial<ReturnsError> & { code: ReturnsError['code'] }) => httpErrorOf({ message: '', ...e } as ReturnsError)
  expect(of({ code: 'RETURNS_WINDOW_CLOSED' })).toEqual({ status: 422, code: 'return_window_closed' })
  expect(of({ code: 'RETURNS_ITEM_NOT_RETURNABLE' })).toEqual({ status: 422, code: 'item_not_returnable' })
  expect(of({ code: 'RETURNS_ORDER_NOT_RETURNABLE' })).toEqual({ status: 422, code: 'order_not_returnable' })
  expect(of({ code: 'RETURNS_QUANTITY_EXCEEDED' })).toEqual({ status: 422, code: 'return_quantity_exceeded' })
  expect(of({ code: 'RETURNS_INVALID_STATE' })).toEqual({ status: 409, code: 'invalid_state' })
  expect(of({ code: 'RETURNS_NOT_FOUND' })).toEqual({ status: 404, code: 'not_found' })
  expect(of({ code: 'RETURNS_REFUND_FAILED' })).toEqual({ status: 503, code: 'refund_failed' })
})
