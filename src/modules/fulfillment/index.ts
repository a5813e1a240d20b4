export type {
  NewShippingOption,
  NewZone,
  QuoteInput,
  ShippingApi,
  ShippingOption,
  ShippingOptionKind,
  ShippingQuote,
  ShippingZone,
} from './contract.ts'
export type { FulfillmentError, FulfillmentErrorCode, QuoteError } from './errors.ts'
export { createShipping } from './create-shipping.ts'
export type { ShippingDeps } from './deps.ts'
export { fulfillmentHttpError } from './http/error-status.ts'
export { shippingAdminRoutes } from './http/admin-routes.ts'

// order processing after checkout (docs/processing.md)
export { createOrderProcessing, PROCESSING_CONSUMERS } from './create-order-processing.ts'
export type { HeldOrder, OrderProcessingApi, OrderTracking, Shipment, TrackingEntry, WebhookReport } from './processing-contract.ts'
export type { PaymentsPort, ProcessingDeps } from './processing-deps.ts'
export {
  buildCarriers,
  type CapturePolicy,
  type ProcessingOptions,
  processingOptionsFromConfig,
  sandboxCarrierToRun,
} from './processing-options.ts'
export type { OrderEmail } from './domain/order-emails.ts'
export type { RiskReason, RiskRules } from './domain/assess-risk.ts'
export type { ShipmentStatus } from './domain/order-progress.ts'
export type { ProcessingError, ProcessingErrorCode } from './errors.ts'
export type { ShipmentItem } from './schema.ts'
export { carrierWebhookRoutes } from './http/carrier-webhook-routes.ts'
export { processingAdminRoutes } from './http/processing-admin-routes.ts'
export { withTracking } from './with-tracking.ts'

// live carrier rates at checkout (docs/processing.md, "Live carrier rates")
export {
  createLiveShipping,
  type LiveQuoteInput,
  type LiveShippingApi,
  type LiveShippingDeps,
  type QuoteExpired,
} from './live-rates/create-live-shipping.ts'
export { type LiveRatesOptions, liveRatesOptionsFromConfig } from './live-rates/live-rates-options.ts'
export { rateCarrier } from './live-rates/rate-carrier.ts'
