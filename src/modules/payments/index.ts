export type {
  AmbiguousAuthorization,
  AmbiguousResolution,
  AttemptOperation,
  AttemptOutcome,
  AuthorizeInput,
  BreakerState,
  GatewayAuthorization,
  GatewayLookup,
  GatewayStatus,
  Payment,
  PaymentAttempt,
  PaymentGateway,
  PaymentStatus,
  PaymentsApi,
} from './contract.ts'
export type { PaymentsConfigError, PaymentsError, PaymentsErrorCode } from './errors.ts'
export type { PaymentsDeps, PaymentsOptions } from './deps.ts'
export { createPayments } from './create-payments.ts'
export { paymentsOptionsFromConfig } from './payments-options.ts'
export { GATEWAY_KINDS, type GatewayKind, type GatewaySpec, parseGatewaySpecs } from './domain/parse-gateway-specs.ts'
export { GatewayError, type GatewayErrorKind } from './domain/gateway-error.ts'
export { createSandboxGateway, DEFAULT_SANDBOX_WEBHOOK_SECRET, SANDBOX_SIGNATURE_HEADER } from './gateways/sandbox-gateway.ts'
export { createStripeGateway, STRIPE_SIGNATURE_HEADER } from './gateways/stripe-gateway.ts'
export { signatureHeader } from '../../platform/http/webhook-signature.ts'
export { paymentsAdminRoutes } from './http/admin-routes.ts'
export { httpErrorOf, sendPaymentsError } from './http/error-status.ts'
