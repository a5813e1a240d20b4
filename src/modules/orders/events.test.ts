import { expect, test } from 'vitest'
import type { Order } from './contract.ts'
import { orderCreatedEvent, transitionEvents } from './events.ts'

const order = {
  id: 'ord_1',
  number: '1001',
  status: 'canceled',
  payment_status: 'voided',
  fulfillment_status: 'unfulfilled',
  email: 'a@b.c',
  customer_id: null,
  currency: 'EUR',
  total: { amount: 1200, currency: 'EUR' },
  items: [
    {
      id: 'oitem_1',
      variant_id: 'var_1',
      sku: 'S1',
      title: 'T',
      quantity: 3,
      unit_price: { amount: 400, currency: 'EUR' },
      total: { amount: 1200, currency: 'EUR' },
    },
  ],
} as unknown as Order
const change = { from: 'pending', note: '', at: '2026-01-01T00:00:00.000Z' }

test('every transition announces the field change', () => {
  expect(transitionEvents(order, { ...change, field: 'payment_status', to: 'voided' })).toEqual([
    {
      topic: 'orders.payment_status_changed.v1',
      aggregateId: 'ord_1',
      payload: { order_id: 'ord_1', field: 'payment_status', from: 'pending', to: 'voided', note: '', at: change.at },
    },
  ])
  expect(transitionEvents(order, { ...change, field: 'fulfillment_status', to: 'fulfilled' }).map((e) => e.topic)).toEqual([
    'orders.fulfillment_status_changed.v1',
  ])
  expect(transitionEvents(order, { ...change, field: 'status', to: 'completed' }).map((e) => e.topic)).toEqual(['orders.status_changed.v1'])
})

test('placing and canceling add their own events, canceling with the items', () => {
  expect(transitionEvents(order, { ...change, field: 'status', to: 'placed' }).map((e) => e.topic)).toEqual([
    'orders.status_changed.v1',
    'orders.order_placed.v1',
  ])
  // released from hold: back to placed, but placed only once
  expect(transitionEvents(order, { ...change, from: 'on_hold', field: 'status', to: 'placed' }).map((e) => e.topic)).toEqual([
    'orders.status_changed.v1',
  ])
  const [, canceled] = transitionEvents(order, { ...change, field: 'status', to: 'canceled' })
  expect(canceled).toEqual({
    topic: 'orders.order_canceled.v1',
    aggregateId: 'ord_1',
    payload: {
      order_id: 'ord_1',
      number: '1001',
      from: 'pending',
      payment_status: 'voided',
      fulfillment_status: 'unfulfilled',
      items: [{ item_id: 'oitem_1', variant_id: 'var_1', sku: 'S1', quantity: 3 }],
    },
  })
})

test('order_created carries the cart and the lines', () => {
  expect(orderCreatedEvent(order, 'cart_1').payload).toMatchObject({
    cart_id: 'cart_1',
    number: '1001',
    total: 1200,
    items: [{ variant_id: 'var_1', quantity: 3 }],
  })
})
