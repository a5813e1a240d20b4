import { expect, test } from 'vitest'
import { isConsumerName, isTopic } from './topics.ts'

test('topics are <module>.<past_tense>.v<N>', () => {
  expect(isTopic('orders.order_placed.v1')).toBe(true)
  expect(isTopic('inventory.stock_reserved.v12')).toBe(true)
  for (const bad of ['orders.order_placed', 'Orders.placed.v1', 'orders.placed.v0', 'orders..v1', 'a.b.c.v1', 'orders.order-placed.v1']) {
    expect(isTopic(bad)).toBe(false)
  }
})

test('consumer names are <module>.<what-it-does>', () => {
  expect(isConsumerName('fulfillment.on-order-placed')).toBe(true)
  expect(isConsumerName('analytics.count2')).toBe(true)
  for (const bad of ['fulfillment', 'fulfillment.on_order', 'a.b.c', 'Fulfillment.x', 'x.y-', `x.${'y'.repeat(120)}`]) {
    expect(isConsumerName(bad)).toBe(false)
  }
})
