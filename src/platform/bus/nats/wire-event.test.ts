import { expect, test } from 'vitest'
import { fromWire, toWire } from './wire-event.ts'

test('an event survives the trip through JSON', () => {
  const e = {
    id: 'evt_1',
    topic: 'orders.order_placed.v1',
    aggregateId: 'ord_1',
    payload: { total: 1200 },
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
  }
  expect(fromWire(toWire(e))).toEqual(e)
})

test('anything else is not an event', () => {
  for (const bad of [
    '',
    'nope',
    '{}',
    '{"id":"evt_1","topic":"t","aggregate_id":"a","payload":null,"created_at":"2026-01-01T00:00:00Z"}',
    '{"id":"evt_1","topic":"t","aggregate_id":"a","payload":{},"created_at":"soon"}',
  ]) {
    expect(fromWire(bad)).toBeNull()
  }
})
