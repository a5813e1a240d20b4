export type {
  Address,
  FulfillmentStatus,
  HistoryEntry,
  HistoryField,
  NewOrder,
  Order,
  OrderItem,
  OrderListFilter,
  OrderStatus,
  OrdersApi,
  PreparedOrder,
  PaymentStatus,
  StatusField,
} from './contract.ts'
export type { OrdersError, OrdersErrorCode, OrdersFailureCode } from './errors.ts'
export type { OrdersDeps } from './deps.ts'
export { createOrders } from './create-orders.ts'
export { ERASED_EMAIL, ERASED_TEXT } from './domain/anonymise-order.ts'
export { allowedFrom, canTransition, INITIAL_STATE, TRANSITIONS } from './domain/order-state-machine.ts'
export {
  ERASED_EVENT_FIELDS,
  ORDERS_TOPICS,
  type OrderCanceledV1,
  type OrderCreatedV1,
  type OrderLineV1,
  type OrderPlacedV1,
  type OrdersEvent,
  type OrdersTopic,
  type StatusChangedV1,
} from './events.ts'
export { type OrdersAdminRoutesDeps, ordersAdminRoutes } from './http/admin-routes.ts'
export { type OrdersStoreRoutesDeps, ordersStoreRoutes } from './http/store-routes.ts'
export { type OrderSummary, orderSummary } from './store/order-summary-sql.ts'
export { customerOrderCounts } from './store/customer-order-counts-sql.ts'
export { type OrderJson, orderFromJson } from './store/read-orders.ts'
export { placePaidArgs } from './store/place-paid-args.ts'
