import { expect, test } from 'vitest'
import { durableName, subjectOf } from './jetstream-topology.ts'

test('durable names are valid for JetStream and unique per (consumer, topic)', () => {
  const a = durableName('fulfillment.on-order-placed', 'orders.order_placed.v1')
  expect(a).toMatch(/^fulfillment_on-order-placed--orders_order_placed_v1-[0-9a-f]{8}$/)
  expect(a).not.toMatch(/[.*> ]/)
  expect(durableName('fulfillment.on-order-placed', 'orders.order_placed.v2')).not.toBe(a)
  // names that read the same once dots become underscores still differ
  expect(durableName('ab.c', 'x_y.z.v1')).not.toBe(durableName('ab.c', 'x.y_z.v1'))
})

test('events are published on <prefix>.events.<topic>', () => {
  expect(subjectOf({ subjectPrefix: 'crest' }, 'orders.order_placed.v1')).toBe('crest.events.orders.order_placed.v1')
})
