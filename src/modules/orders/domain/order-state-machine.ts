import type { FulfillmentStatus, OrderStatus, PaymentStatus, StatusField } from '../contract.ts'

type Machine<S extends string> = { readonly [from in S]: readonly S[] }

/**
 * Order lifecycle: an order is pending until checkout places it (payment authorised). A placed
 * order the risk rules doubt is put on hold until staff release it (back to placed) or cancel it.
 */
const STATUS: Machine<OrderStatus> = {
  pending: ['placed', 'canceled'],
  placed: ['on_hold', 'completed', 'canceled'],
  on_hold: ['placed', 'canceled'],
  completed: [],
  canceled: [],
}

/** Money: authorise, then capture or void; refunds only after capture. */
const PAYMENT_STATUS: Machine<PaymentStatus> = {
  pending: ['authorized', 'failed'],
  authorized: ['captured', 'voided'],
  captured: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  voided: [],
  failed: [],
}

/** Goods: shipped in one or more parcels, then possibly returned in one or more parcels. */
const FULFILLMENT_STATUS: Machine<FulfillmentStatus> = {
  unfulfilled: ['partially_fulfilled', 'fulfilled'],
  partially_fulfilled: ['fulfilled'],
  fulfilled: ['partially_returned', 'returned'],
  partially_returned: ['partially_returned', 'returned'],
  returned: [],
}

/** Every allowed move, per field, as data: `from → [to…]`. */
export const TRANSITIONS: { readonly [F in StatusField]: Machine<string> } = {
  status: STATUS,
  payment_status: PAYMENT_STATUS,
  fulfillment_status: FULFILLMENT_STATUS,
}

/** The value each field starts with when an order is created. */
export const INITIAL_STATE = {
  status: 'pending',
  payment_status: 'pending',
  fulfillment_status: 'unfulfilled',
} as const satisfies { readonly [F in StatusField]: string }

export const STATUS_FIELDS = ['status', 'payment_status', 'fulfillment_status'] as const satisfies readonly StatusField[]

const statesOf = <S extends string>(m: Machine<S>) => Object.keys(m) as [S, ...S[]]
export const ORDER_STATUSES = statesOf(STATUS)
export const PAYMENT_STATUSES = statesOf(PAYMENT_STATUS)
export const FULFILLMENT_STATUSES = statesOf(FULFILLMENT_STATUS)

const own = (m: Machine<string>, key: string): readonly string[] => (Object.hasOwn(m, key) ? (m[key] ?? []) : [])

/** Whether `field` may move from `from` to `to` (unknown values never may). */
export const canTransition = (field: StatusField, from: string, to: string): boolean => own(TRANSITIONS[field], from).includes(to)

/** The states `field` may move to `to` from; empty for a terminal-only or unknown target. */
export const allowedFrom = (field: StatusField, to: string): string[] =>
  Object.keys(TRANSITIONS[field]).filter((from) => canTransition(field, from, to))

/** Whether `value` is a state `field` knows at all. */
export const isState = (field: StatusField, value: string): boolean => Object.hasOwn(TRANSITIONS[field], value)
