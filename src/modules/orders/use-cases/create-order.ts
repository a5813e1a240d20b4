import { AppError } from '../../../platform/app-error.ts'
import { uniqueViolation } from '../../../platform/db/unique-violation.ts'
import { type IdPrefix, newId } from '../../../platform/ids/new-id.ts'
import { newAccessToken } from '../access-token.ts'
import type { NewOrder, Order, OrdersApi } from '../contract.ts'
import type { OrdersDeps } from '../deps.ts'
import { INITIAL_STATE, STATUS_FIELDS } from '../domain/order-state-machine.ts'
import { orderCreatedEvent } from '../events.ts'
import { type HistoryRow, insertOrder, type ItemRow } from '../store/insert-order.ts'
import { toHistory, toItem } from '../store/read-orders.ts'

/** `n` fresh ids in ascending order, so sorting by id keeps the order they are assigned in. */
const ascendingIds = (d: OrdersDeps, prefix: IdPrefix, n: number): string[] => Array.from({ length: n }, () => d.newId(prefix)).sort()

const itemRows = (d: OrdersDeps, o: NewOrder): ItemRow[] => {
  const ids = ascendingIds(d, 'oitem', o.items.length)
  return o.items.map((i, n) => ({
    id: ids[n] as string,
    orderId: o.id,
    variantId: i.variantId,
    sku: i.sku,
    title: i.title,
    quantity: i.quantity,
    unitPrice: i.unitPrice,
    total: i.unitPrice * i.quantity,
  }))
}

const historyRows = (d: OrdersDeps, orderId: string, at: Date): HistoryRow[] => {
  const ids = ascendingIds(d, 'hist', STATUS_FIELDS.length)
  return STATUS_FIELDS.map((field, n) => ({
    id: ids[n] as string,
    orderId,
    field,
    fromValue: null,
    toValue: INITIAL_STATE[field],
    note: '',
    at,
  }))
}

/** The order as written, built from the input: no read-back on the checkout's hot path. */
const orderOf = (o: NewOrder, number: number, now: Date, items: ItemRow[], history: HistoryRow[]): Order => {
  const m = (amount: number) => ({ amount, currency: o.currency })
  const at = now.toISOString()
  return {
    id: o.id,
    number: String(number),
    ...INITIAL_STATE,
    email: o.email,
    customer_id: o.customerId,
    currency: o.currency,
    items: items.map((i) => toItem(i, o.currency)),
    subtotal: m(o.totals.subtotal),
    discount_total: m(o.totals.discountTotal),
    shipping_total: m(o.totals.shippingTotal),
    tax_total: m(o.totals.taxTotal),
    total: m(o.totals.total),
    shipping_address: o.shippingAddress,
    shipping_option: o.shippingOption,
    discounts: o.discounts,
    payment_provider: o.paymentProvider,
    history: history.map((h) => toHistory({ ...h, fromValue: null, note: '', at: now })),
    tracking: [],
    created_at: at,
    updated_at: at,
  }
}

export const prepareOrder =
  (d: OrdersDeps): OrdersApi['prepareOrder'] =>
  (raw) => {
    const input: NewOrder = { ...raw, email: raw.email.trim().toLowerCase() }
    const now = d.clock.now()
    const at = now.toISOString()
    const { token, hash } = newAccessToken()
    const items = itemRows(d, input)
    const history = historyRows(d, input.id, now)
    const t = input.totals
    const order = {
      id: input.id,
      status: INITIAL_STATE.status,
      payment_status: INITIAL_STATE.payment_status,
      fulfillment_status: INITIAL_STATE.fulfillment_status,
      email: input.email,
      customer_id: input.customerId,
      cart_id: input.cartId,
      currency: input.currency,
      subtotal: t.subtotal,
      discount_total: t.discountTotal,
      shipping_total: t.shippingTotal,
      tax_total: t.taxTotal,
      total: t.total,
      shipping_address: input.shippingAddress,
      shipping_option: input.shippingOption,
      discounts: input.discounts,
      payment_provider: input.paymentProvider,
      access_token_hash: hash,
      created_at: at,
      updated_at: at,
    }
    // the event's number is set by the database, from the number the sequence gives the order
    const event = orderCreatedEvent(orderOf(input, 0, now, items, history), input.cartId)
    return {
      args: {
        order: JSON.stringify(order),
        items: JSON.stringify(
          items.map((i) => ({
            id: i.id,
            order_id: i.orderId,
            variant_id: i.variantId,
            sku: i.sku,
            title: i.title,
            quantity: i.quantity,
            unit_price: i.unitPrice,
            total: i.total,
          })),
        ),
        history: JSON.stringify(
          history.map((h) => ({ id: h.id, order_id: h.orderId, field: h.field, from_value: null, to_value: h.toValue, note: '', at })),
        ),
        event: JSON.stringify({ id: newId('evt'), topic: event.topic, aggregate_id: event.aggregateId, payload: event.payload }),
      },
      written: (number) => ({ order: orderOf(input, number, now, items, history), accessToken: token }),
      failure: (e) =>
        uniqueViolation(e)?.includes('cart')
          ? new AppError('ORDERS_CART_ALREADY_ORDERED', `Cart ${input.cartId} already has an order.`, {
              cause: e,
              details: { cartId: input.cartId },
            })
          : e,
    }
  }

export const createOrder = (d: OrdersDeps): OrdersApi['createOrder'] => {
  const prepare = prepareOrder(d)
  return async (tx, raw) => {
    const prepared = prepare(raw)
    try {
      return prepared.written(await insertOrder(tx, prepared.args))
    } catch (e) {
      throw prepared.failure(e)
    }
  }
}
