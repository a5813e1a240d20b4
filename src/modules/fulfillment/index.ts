export type {
  NewShippingOption, NewZone, QuoteInput, ShippingApi, ShippingOption, ShippingOptionKind, ShippingQuote, ShippingZone,
} from './contract.ts'
export type { FulfillmentError, FulfillmentErrorCode, QuoteError } from './errors.ts'
export { createShipping } from './create-shipping.ts'
export type { ShippingDeps } from './deps.ts'
export { fulfillmentHttpError } from './http/error-status.ts'
export { shippingAdminRoutes } from './http/admin-routes.ts'
