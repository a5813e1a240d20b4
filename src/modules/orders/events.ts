import type { Order, StatusField } from './contract.ts'
import { ERASED_EMAIL } from './domain/anonymise-order.ts'

/** Topics this module appends to the outbox (`<module>.<past_tense>.v<N>`). */
export const ORDERS_TOPICS = {
  orderCreated: 'orders.order_created.v1',
  orderPlaced: 'orders.order_placed.v1',
  orderCanceled: 'orders.order_canceled.v1',
  statusChanged: 'orders.status_changed.v1',
  paymentStatusChanged: 'orders.payment_status_changed.v1',
  fulfillmentStatusChanged: 'orders.fulfillment_status_changed.v1',
} as const

export type OrdersTopic = (typeof ORDERS_TOPICS)[keyof typeof ORDERS_TOPICS]

/**
 * The order events whose payloads name the shopper (`email`, `customer_id`), and what a
 * customer's erasure puts there: in the outbox, and in the copies other modules keep of them.
 */
export const ERASED_EVENT_FIELDS = {
  topics: [ORDERS_TOPICS.orderCreated, ORDERS_TOPICS.orderPlaced],
  fields: { email: ERASED_EMAIL, customer_id: null },
} as const

export type OrderLineV1 = { readonly item_id: string; readonly variant_id: string; readonly sku: string; readonly quantity: number }

export type OrderCreatedV1 = {
  readonly order_id: string
  readonly number: string
  readonly cart_id: string
  readonly customer_id: string | null
  readonly email: string
  readonly currency: string
  readonly total: number
  readonly items: readonly OrderLineV1[]
}

export type OrderPlacedV1 = Omit<OrderCreatedV1, 'cart_id'>

export type OrderCanceledV1 = {
  readonly order_id: string
  readonly number: string
  /** the previous order status: `pending` (never placed) or `placed` */
  readonly from: string
  readonly payment_status: string
  readonly fulfillment_status: string
  readonly items: readonly OrderLineV1[]
}

export type StatusChangedV1 = {
  readonly order_id: string
  readonly field: StatusField
  readonly from: string
  readonly to: string
  readonly note: string
  readonly at: string
}

export type OrdersEvent =
  | { readonly topic: typeof ORDERS_TOPICS.orderCreated; readonly aggregateId: string; readonly payload: OrderCreatedV1 }
  | { readonly topic: typeof ORDERS_TOPICS.orderPlaced; readonly aggregateId: string; readonly payload: OrderPlacedV1 }
  | { readonly topic: typeof ORDERS_TOPICS.orderCanceled; readonly aggregateId: string; readonly payload: OrderCanceledV1 }
  | {
      readonly topic:
        | typeof ORDERS_TOPICS.statusChanged
        | typeof ORDERS_TOPICS.paymentStatusChanged
        | typeof ORDERS_TOPICS.fulfillmentStatusChanged
      readonly aggregateId: string
      readonly payload: StatusChangedV1
    }

const CHANGED_TOPIC = {
  status: ORDERS_TOPICS.statusChanged,
  payment_status: ORDERS_TOPICS.paymentStatusChanged,
  fulfillment_status: ORDERS_TOPICS.fulfillmentStatusChanged,
} as const

const linesOf = (o: Order): OrderLineV1[] =>
  o.items.map((i) => ({ item_id: i.id, variant_id: i.variant_id, sku: i.sku, quantity: i.quantity }))

const summaryOf = (o: Order): OrderPlacedV1 => ({
  order_id: o.id,
  number: o.number,
  customer_id: o.customer_id,
  email: o.email,
  currency: o.currency,
  total: o.total.amount,
  items: linesOf(o),
})

export const orderCreatedEvent = (o: Order, cartId: string): OrdersEvent => ({
  topic: ORDERS_TOPICS.orderCreated,
  aggregateId: o.id,
  payload: { ...summaryOf(o), cart_id: cartId },
})

/** The events of one committed transition of `field` on order `o` (already in its new state). */
export const transitionEvents = (
  o: Order,
  change: { readonly field: StatusField; readonly from: string; readonly to: string; readonly note: string; readonly at: string },
): OrdersEvent[] => {
  const events: OrdersEvent[] = [{ topic: CHANGED_TOPIC[change.field], aggregateId: o.id, payload: { order_id: o.id, ...change } }]
  // placed once, by checkout; an order released from hold goes back to placed without a second order_placed
  if (change.field === 'status' && change.to === 'placed' && change.from === 'pending') {
    events.push({ topic: ORDERS_TOPICS.orderPlaced, aggregateId: o.id, payload: summaryOf(o) })
  }
  if (change.field === 'status' && change.to === 'canceled') {
    events.push({
      topic: ORDERS_TOPICS.orderCanceled,
      aggregateId: o.id,
      payload: {
        order_id: o.id,
        number: o.number,
        from: change.from,
        payment_status: o.payment_status,
        fulfillment_status: o.fulfillment_status,
        items: linesOf(o),
      },
    })
  }
  return events
}
