import type { Executor } from '../../platform/db/database.ts'
import type { Money } from '../../platform/money/money.ts'
import type { Result } from '../../platform/result.ts'
import type { OrdersError } from './errors.ts'

export type OrderStatus = 'pending' | 'placed' | 'on_hold' | 'completed' | 'canceled'
export type PaymentStatus = 'pending' | 'authorized' | 'captured' | 'partially_refunded' | 'refunded' | 'voided' | 'failed'
export type FulfillmentStatus = 'unfulfilled' | 'partially_fulfilled' | 'fulfilled' | 'partially_returned' | 'returned'
export type StatusField = 'status' | 'payment_status' | 'fulfillment_status'

export type Address = {
  readonly name: string
  readonly line1: string
  readonly line2?: string
  readonly city: string
  readonly region?: string
  readonly postal_code: string
  readonly country: string
  readonly phone?: string
}

export type OrderItem = {
  readonly id: string
  readonly variant_id: string
  readonly sku: string
  readonly title: string
  readonly quantity: number
  readonly unit_price: Money
  readonly total: Money
}

/** A history row is a status move, or a step of a return (field `return`, recorded by the returns module). */
export type HistoryField = StatusField | 'return'

export type HistoryEntry = {
  readonly field: HistoryField
  /** the value the field moved to (API.md's `history[].status`) */
  readonly status: string
  readonly from: string | null
  readonly note: string
  readonly at: string
}

export type Order = {
  readonly id: string
  readonly number: string
  readonly status: OrderStatus
  readonly payment_status: PaymentStatus
  readonly fulfillment_status: FulfillmentStatus
  readonly email: string
  readonly customer_id: string | null
  readonly currency: string
  readonly items: OrderItem[]
  readonly subtotal: Money
  readonly discount_total: Money
  readonly shipping_total: Money
  readonly tax_total: Money
  readonly total: Money
  readonly shipping_address: Address
  readonly shipping_option: { readonly id: string; readonly name: string; readonly amount: Money } | null
  readonly discounts: { readonly code: string | null; readonly name: string; readonly amount: Money }[]
  readonly payment_provider: string | null
  readonly history: HistoryEntry[]
  readonly tracking: { readonly carrier: string; readonly number: string; readonly url: string }[]
  readonly created_at: string
  readonly updated_at: string
}

export type NewOrder = {
  readonly id: string
  readonly cartId: string
  readonly email: string
  readonly customerId: string | null
  readonly currency: string
  readonly items: readonly {
    readonly variantId: string
    readonly sku: string
    readonly title: string
    readonly quantity: number
    readonly unitPrice: number
  }[]
  readonly totals: {
    readonly subtotal: number
    readonly discountTotal: number
    readonly shippingTotal: number
    readonly taxTotal: number
    readonly total: number
  }
  readonly shippingAddress: Address
  readonly shippingOption: Order['shipping_option']
  readonly discounts: Order['discounts']
  readonly paymentProvider: string
}

export type OrderListFilter = {
  readonly status?: OrderStatus
  readonly paymentStatus?: PaymentStatus
  readonly fulfillmentStatus?: FulfillmentStatus
  readonly email?: string
  /** the orders of one customer account */
  readonly customerId?: string
  readonly limit: number
  readonly cursor?: string
}

/** A new order's writes, ready for `orders.insert_order` alone or inside `checkout.place` (migration 0013). */
export type PreparedOrder = {
  /** the arguments of orders.insert_order, as JSON text: the rows with their columns' names, and the order_created event */
  readonly args: { readonly order: string; readonly items: string; readonly history: string; readonly event: string }
  /** the order as written, once the database gave its number (no read-back on the checkout's hot path) */
  readonly written: (number: number) => { readonly order: Order; readonly accessToken: string }
  /** an error of the insert as this module reports it: a cart that has an order already is ORDERS_CART_ALREADY_ORDERED */
  readonly failure: (e: unknown) => unknown
}

export type OrdersApi = {
  /** inside the checkout's transaction: the order (status pending, payment pending) and its access token */
  readonly createOrder: (tx: Executor, input: NewOrder) => Promise<{ readonly order: Order; readonly accessToken: string }>
  /** createOrder's writes as the arguments of the database function that does them, for a caller that writes more in the same call */
  readonly prepareOrder: (input: NewOrder) => PreparedOrder
  /**
   * Moves one status field along the state machine with one conditional write and a history row;
   * `tx` lets an orchestrator do it inside its own transaction. Moving to the current value is a no-op success.
   */
  readonly transition: (
    input: { readonly orderId: string; readonly field: StatusField; readonly to: string; readonly note?: string },
    tx?: Executor,
  ) => Promise<Result<Order, OrdersError>>
  /**
   * Several moves of one order in one go (e.g. payment_status → authorized, status → placed), in
   * order; fewer statements than one `transition` each. All or nothing (with `tx`, the caller rolls
   * back on an error).
   */
  readonly transitionMany: (
    input: {
      readonly orderId: string
      readonly changes: readonly { readonly field: StatusField; readonly to: string; readonly note?: string }[]
    },
    tx?: Executor,
  ) => Promise<Result<Order, OrdersError>>
  /**
   * Appends a `return` entry to the order's history (a return requested, approved, received…) without
   * moving any status field; in `tx` when given. The returns module calls it for every step.
   */
  readonly recordReturnStep: (
    input: { readonly orderId: string; readonly step: string; readonly note?: string },
    tx?: Executor,
  ) => Promise<Result<null, OrdersError>>
  /** for the shopper: needs the order's access token or the owning customer's id, else not found */
  readonly getOrderForShopper: (input: {
    readonly id: string
    readonly accessToken?: string
    readonly customerId?: string
  }) => Promise<Result<Order, OrdersError>>
  readonly getOrder: (id: string, tx?: Executor) => Promise<Result<Order, OrdersError>>
  /**
   * Takes the order's own lock until `tx` ends, waiting while another transaction holds it: the
   * review and the recording of its parcels, and a staff cancel, take it first, so they take turns
   * (it is never held across a carrier call). It is a transaction-level advisory lock, not the
   * order's row: a cancel waiting for it holds no stock row.
   */
  readonly lockOrder: (id: string, tx: Executor) => Promise<void>
  readonly getOrderByCart: (cartId: string, tx?: Executor) => Promise<Order | null>
  readonly listOrders: (
    filter: OrderListFilter,
  ) => Promise<Result<{ readonly orders: Order[]; readonly next_cursor: string | null }, OrdersError>>
  /** orders still waiting for payment created before `olderThan` (for the reconciliation job) */
  readonly listPendingPayment: (
    olderThan: Date,
    limit: number,
  ) => Promise<{ readonly id: string; readonly total: Money; readonly paymentProvider: string | null }[]>
  /** customers: guest orders placed with a verified e-mail join its account; answers how many */
  readonly attachGuestOrders: (input: { readonly email: string; readonly customerId: string }) => Promise<number>
  /**
   * customers (GDPR erasure): e-mail, customer link and address (but its country) replaced in every
   * order of the account or with its e-mail; figures kept. Refused while an order still has to ship.
   */
  readonly anonymiseCustomerOrders: (
    input: {
      readonly customerId: string
      /** only an address the customer proved is theirs (verified): its guest orders are erased too */
      readonly email?: string
    },
    /** the erasure's transaction, so other modules' copies of these orders are erased in the same commit */
    tx?: Executor,
  ) => Promise<
    Result<{ readonly anonymised: number; readonly orderIds: readonly string[] }, Extract<OrdersError, { code: 'ORDERS_OPEN_FOR_ERASURE' }>>
  >
}
