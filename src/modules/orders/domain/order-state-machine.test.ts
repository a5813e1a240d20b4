import { describe, expect, test } from 'vitest'
import type { StatusField } from '../contract.ts'
import { allowedFrom, canTransition, INITIAL_STATE, isState, STATUS_FIELDS, TRANSITIONS } from './order-state-machine.ts'

const ALLOWED: readonly [StatusField, string, string][] = [
  ['status', 'pending', 'placed'],
  ['status', 'pending', 'canceled'],
  ['status', 'placed', 'completed'],
  ['status', 'placed', 'canceled'],
  ['status', 'placed', 'on_hold'],
  ['status', 'on_hold', 'placed'],
  ['status', 'on_hold', 'canceled'],
  ['payment_status', 'pending', 'authorized'],
  ['payment_status', 'pending', 'failed'],
  ['payment_status', 'authorized', 'captured'],
  ['payment_status', 'authorized', 'voided'],
  ['payment_status', 'captured', 'partially_refunded'],
  ['payment_status', 'captured', 'refunded'],
  ['payment_status', 'partially_refunded', 'partially_refunded'],
  ['payment_status', 'partially_refunded', 'refunded'],
  ['fulfillment_status', 'unfulfilled', 'partially_fulfilled'],
  ['fulfillment_status', 'unfulfilled', 'fulfilled'],
  ['fulfillment_status', 'partially_fulfilled', 'fulfilled'],
  ['fulfillment_status', 'fulfilled', 'partially_returned'],
  ['fulfillment_status', 'fulfilled', 'returned'],
  ['fulfillment_status', 'partially_returned', 'partially_returned'],
  ['fulfillment_status', 'partially_returned', 'returned'],
]

const REFUSED: readonly [StatusField, string, string][] = [
  ['status', 'pending', 'completed'],
  ['status', 'completed', 'canceled'],
  ['status', 'canceled', 'placed'],
  ['status', 'canceled', 'pending'],
  ['status', 'placed', 'pending'],
  ['status', 'pending', 'on_hold'],
  ['status', 'on_hold', 'completed'],
  ['status', 'completed', 'on_hold'],
  ['payment_status', 'pending', 'captured'],
  ['payment_status', 'pending', 'refunded'],
  ['payment_status', 'authorized', 'refunded'],
  ['payment_status', 'failed', 'authorized'],
  ['payment_status', 'voided', 'captured'],
  ['payment_status', 'refunded', 'partially_refunded'],
  ['payment_status', 'captured', 'voided'],
  ['fulfillment_status', 'unfulfilled', 'returned'],
  ['fulfillment_status', 'partially_fulfilled', 'partially_returned'],
  ['fulfillment_status', 'returned', 'fulfilled'],
  ['fulfillment_status', 'fulfilled', 'unfulfilled'],
  // unknown values and values of another field
  ['status', 'pending', 'shipped'],
  ['status', 'nonsense', 'placed'],
  ['payment_status', 'pending', 'placed'],
  ['fulfillment_status', 'unfulfilled', 'captured'],
  ['status', 'toString', 'placed'],
  ['status', 'pending', 'constructor'],
]

describe('canTransition', () => {
  test.each(ALLOWED)('%s: %s → %s is allowed', (field, from, to) => {
    expect(canTransition(field, from, to)).toBe(true)
  })

  test.each(REFUSED)('%s: %s → %s is refused', (field, from, to) => {
    expect(canTransition(field, from, to)).toBe(false)
  })

  test('the table allows exactly the listed moves, nothing more', () => {
    const all = STATUS_FIELDS.flatMap((f) => Object.entries(TRANSITIONS[f]).flatMap(([from, tos]) => tos.map((to) => `${f}:${from}>${to}`)))
    expect(all.sort()).toEqual(ALLOWED.map(([f, from, to]) => `${f}:${from}>${to}`).sort())
  })

  test('terminal states go nowhere', () => {
    for (const [field, state] of [
      ['status', 'completed'],
      ['status', 'canceled'],
      ['payment_status', 'refunded'],
      ['payment_status', 'voided'],
      ['payment_status', 'failed'],
      ['fulfillment_status', 'returned'],
    ] as const) {
      expect(TRANSITIONS[field][state]).toEqual([])
    }
  })
})

describe('allowedFrom', () => {
  test('lists every state a field may reach the target from', () => {
    expect(allowedFrom('status', 'canceled')).toEqual(['pending', 'placed', 'on_hold'])
    expect(allowedFrom('status', 'placed')).toEqual(['pending', 'on_hold'])
    expect(allowedFrom('status', 'on_hold')).toEqual(['placed'])
    expect(allowedFrom('payment_status', 'refunded')).toEqual(['captured', 'partially_refunded'])
    expect(allowedFrom('payment_status', 'partially_refunded')).toEqual(['captured', 'partially_refunded'])
    expect(allowedFrom('fulfillment_status', 'fulfilled')).toEqual(['unfulfilled', 'partially_fulfilled'])
  })

  test('is empty for initial states and unknown targets', () => {
    expect(allowedFrom('status', 'pending')).toEqual([])
    expect(allowedFrom('payment_status', 'pending')).toEqual([])
    expect(allowedFrom('fulfillment_status', 'unfulfilled')).toEqual([])
    expect(allowedFrom('status', 'shipped')).toEqual([])
    expect(allowedFrom('status', '__proto__')).toEqual([])
  })

  test('agrees with canTransition for every pair', () => {
    for (const field of STATUS_FIELDS) {
      const states = Object.keys(TRANSITIONS[field])
      for (const to of states) {
        expect(allowedFrom(field, to)).toEqual(states.filter((from) => canTransition(field, from, to)))
      }
    }
  })
})

test('initial states are states of their field', () => {
  for (const field of STATUS_FIELDS) expect(isState(field, INITIAL_STATE[field])).toBe(true)
  expect(isState('status', 'captured')).toBe(false)
  expect(isState('status', 'hasOwnProperty')).toBe(false)
})
