import { expect, test } from 'vitest'
import { anonymisedAddress, ERASED_TEXT, isOpenForErasure } from './anonymise-order.ts'

test('an anonymised address keeps only the country', () => {
  expect(anonymisedAddress({ country: 'NO' })).toEqual({
    name: ERASED_TEXT,
    line1: ERASED_TEXT,
    city: ERASED_TEXT,
    postal_code: ERASED_TEXT,
    country: 'NO',
  })
})

test('orders waiting to ship are open; shipped, completed or canceled ones are not', () => {
  expect(isOpenForErasure({ status: 'placed', fulfillment_status: 'unfulfilled' })).toBe(true)
  expect(isOpenForErasure({ status: 'on_hold', fulfillment_status: 'partially_fulfilled' })).toBe(true)
  expect(isOpenForErasure({ status: 'pending', fulfillment_status: 'unfulfilled' })).toBe(true)
  expect(isOpenForErasure({ status: 'placed', fulfillment_status: 'fulfilled' })).toBe(false)
  expect(isOpenForErasure({ status: 'canceled', fulfillment_status: 'unfulfilled' })).toBe(false)
  expect(isOpenForErasure({ status: 'completed', fulfillment_status: 'returned' })).toBe(false)
})
