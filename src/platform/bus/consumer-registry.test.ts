import { expect, test } from 'vitest'
import { createConsumerRegistry, eventIdempotencyKey } from './consumer-registry.ts'

const noop = async () => {}

test('a consumer registers handlers by topic and is found by topic', () => {
  const r = createConsumerRegistry()
  r.subscribe({ consumer: 'fulfillment.on-order-placed', topic: 'orders.order_placed.v1', handle: noop })
  r.subscribe({ consumer: 'analytics.count-orders', topic: 'orders.order_placed.v1', handle: noop })
  r.subscribe({ consumer: 'analytics.count-orders', topic: 'orders.order_canceled.v1', handle: noop })
  expect(r.consumersOf('orders.order_placed.v1')).toEqual(['fulfillment.on-order-placed', 'analytics.count-orders'])
  expect(r.consumersOf('orders.order_canceled.v1')).toEqual(['analytics.count-orders'])
  expect(r.consumersOf('catalog.product_created.v1')).toEqual([])
  expect(r.find('analytics.count-orders', 'orders.order_canceled.v1')?.handle).toBe(noop)
  expect(r.subscriptions()).toHaveLength(3)
})

test('bad names and duplicate subscriptions fail at boot', () => {
  const r = createConsumerRegistry()
  expect(() => r.subscribe({ consumer: 'fulfillment', topic: 'orders.order_placed.v1', handle: noop })).toThrow(/consumer name/)
  expect(() => r.subscribe({ consumer: 'fulfillment.x', topic: 'order_placed', handle: noop })).toThrow(/not a topic/)
  r.subscribe({ consumer: 'fulfillment.x', topic: 'orders.order_placed.v1', handle: noop })
  expect(() => r.subscribe({ consumer: 'fulfillment.x', topic: 'orders.order_placed.v1', handle: noop })).toThrow(/already handles/)
  // a batch handler gets no prepared results
  expect(() =>
    r.subscribe({ consumer: 'fulfillment.y', topic: 'orders.order_placed.v1', prepare: async () => 1, handle: noop, handleMany: noop }),
  ).toThrow(/batch handler/)
})

test('idempotency keys derive from the consumer and the event id, so every redelivery reuses them', () => {
  expect(eventIdempotencyKey('notifications.order-email', 'evt_1')).toBe('notifications.order-email:evt_1')
  expect(eventIdempotencyKey('notifications.order-email', 'evt_1', 'sms')).toBe('notifications.order-email:evt_1:sms')
})
