import { expect, test } from 'vitest'
import { httpErrorOf } from './error-status.ts'

test('each orders error has its public code and status', () => {
  expect(httpErrorOf({ code: 'ORDERS_NOT_FOUND', message: '' })).toEqual({ status: 404, code: 'not_found' })
  expect(httpErrorOf({ code: 'ORDERS_INVALID_CURSOR', message: '' })).toEqual({ status: 400, code: 'invalid_cursor' })
  expect(httpErrorOf({ code: 'ORDERS_INVALID_TRANSITION', message: '', field: 'status', from: 'a', to: 'b' })).toEqual({
    status: 409,
    code: 'invalid_transition',
  })
})
