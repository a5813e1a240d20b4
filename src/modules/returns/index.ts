export type {
  ItemCondition,
  ReceiveInput,
  RefundStatus,
  RequestReturnInput,
  Return,
  ReturnItem,
  ReturnListFilter,
  ReturnStatus,
  ReturnStep,
  ReturnsApi,
} from './contract.ts'
export type { ReturnCarrier, ReturnsDeps, ReturnsOptions, SellableVariant } from './deps.ts'
export type { ReturnsError, ReturnsErrorCode, ReturnsFailureCode } from './errors.ts'
export type { ReturnEmail } from './domain/return-emails.ts'
export { approvesItself, planReturn, type ReturnPolicy, windowClosesAt } from './domain/return-policy.ts'
export { lineShares, unitsRefund } from './domain/refund-amounts.ts'
export { createReturns } from './create-returns.ts'
export { RETURNS_TOPICS, type ReturnEventV1, type ReturnsTopic } from './events.ts'
export { returnsStoreRoutes, type ReturnsStoreRoutesDeps } from './http/store-routes.ts'
export { returnsAdminRoutes, type ReturnsAdminRoutesDeps } from './http/admin-routes.ts'
export { httpErrorOf as returnsHttpError } from './http/error-status.ts'
