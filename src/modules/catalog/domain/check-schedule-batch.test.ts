import { expect, test } from 'vitest'
import { checkScheduleBatch, type ScheduleTarget } from './check-schedule-batch.ts'

const now = new Date('2026-11-20T12:00:00Z')
const targets = new Map<string, ScheduleTarget>([
  ['var_a', { currencies: ['EUR', 'USD'] }],
  ['var_b', { currencies: ['EUR'] }],
])
const batch = (over: Partial<Parameters<typeof checkScheduleBatch>[0]> = {}) => ({
  starts_at: new Date('2026-11-27T00:00:00Z'),
  ends_at: new Date('2026-11-30T00:00:00Z'),
  items: [
    { variant_id: 'var_a', price: { amount: 1000, currency: 'EUR' } },
    { variant_id: 'var_a', price: { amount: 1100, currency: 'USD' } },
    { variant_id: 'var_b', price: { amount: 0, currency: 'EUR' } },
  ],
  ...over,
})

test('a valid batch has no errors (one variant may have a price per currency; zero is a price)', () => {
  expect(checkScheduleBatch(batch(), now, targets)).toEqual([])
})

test('the window must end after it starts, and in the future', () => {
  const backwards = checkScheduleBatch(batch({ ends_at: new Date('2026-11-27T00:00:00Z') }), now, targets)
  expect(backwards).toEqual([{ field: 'ends_at', message: 'must be after starts_at', reason: 'ends_before_start' }])
  const past = checkScheduleBatch(batch({ starts_at: new Date('2026-11-01T00:00:00Z'), ends_at: now }), now, targets)
  expect(past.map((e) => e.reason)).toEqual(['ends_in_past'])
  const running = checkScheduleBatch(batch({ starts_at: new Date('2026-11-01T00:00:00Z') }), now, targets)
  expect(running).toEqual([]) // starting in the past is fine: it applies at once
})

test('every bad item is reported with its field, all at once', () => {
  const errors = checkScheduleBatch(
    batch({
      items: [
        { variant_id: 'var_a', price: { amount: 1000, currency: 'EUR' } },
        { variant_id: 'var_nope', price: { amount: 1000, currency: 'EUR' } },
        { variant_id: 'var_b', price: { amount: 1000, currency: 'USD' } },
        { variant_id: 'var_a', price: { amount: 900, currency: 'EUR' } },
      ],
    }),
    now,
    targets,
  )
  expect(errors.map((e) => [e.field, e.reason])).toEqual([
    ['items.1.variant_id', 'unknown_variant'],
    ['items.2.price.currency', 'currency_not_priced'],
    ['items.3', 'duplicate_item'],
  ])
  expect(errors[1]?.message).toContain('EUR')
})
