import { AppError } from '../../../platform/app-error.ts'
import { uniqueViolation } from '../../../platform/db/unique-violation.ts'
import type { IdPrefix } from '../../../platform/ids/new-id.ts'
import { appendEvents } from '../../../platform/outbox/append-event.ts'
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

export const createOrder =
  (d: OrdersDeps): OrdersApi['createOrder'] =>
  async (tx, raw) => {
    const input: NewOrder = { ...raw, email: raw.email.trim().toLowerCase() }
    const now = d.clock.now()
    const { token, hash } = newAccessToken()
    const items = itemRows(d, input)
    const history = historyRows(d, input.id, now)
    let number: number
    try {
      number = await insertOrder(tx, { input, tokenHash: hash, now, items, history })
    } catch (e) {
      if (uniqueViolation(e)?.includes('cart')) {
        throw new AppError('ORDERS_CART_ALREADY_ORDERED', `Cart ${input.cartId} already has an order.`, {
          cause: e,
          details: { cartId: input.cartId },
        })
      }
      throw e
    }
    const order = orderOf(input, number, now, items, history)
    await appendEvents(tx, [orderCreatedEvent(order, input.cartId)])
    return { order, accessToken: token }
  }
