import { AppError } from '../../../platform/app-error.ts'
import { assertNever } from '../../../platform/result.ts'
import type { PaymentGateway } from '../contract.ts'
import type { PaymentsOptions } from '../deps.ts'
import type { GatewaySpec } from '../domain/parse-gateway-specs.ts'
import { createSandboxGateway } from './sandbox-gateway.ts'
import { createStripeGateway } from './stripe-gateway.ts'

const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4010'
const DEFAULT_STRIPE_API_BASE = 'https://api.stripe.com'

/** The built-in adapters: `sandbox` (the sandbox gateway over HTTP) and `stripe` (the Stripe SDK). */
export const buildGateway = (spec: GatewaySpec, o: PaymentsOptions, now: () => Date): PaymentGateway => {
  switch (spec.kind) {
    case 'sandbox':
      return createSandboxGateway({
        name: spec.name,
        baseUrl: spec.url ?? o.sandboxDefaultUrl ?? DEFAULT_SANDBOX_URL,
        timeoutMs: o.timeoutMs,
        ...(o.sandboxWebhookSecret !== undefined && { webhookSecret: o.sandboxWebhookSecret }),
        now,
      })
    case 'stripe': {
      const secretKey = o.stripe?.secretKey
      if (!secretKey)
        throw new AppError('PAYMENTS_INVALID_CONFIG', `Gateway ${spec.name} is a stripe gateway but STRIPE_SECRET_KEY is not set.`)
      return createStripeGateway({
        name: spec.name,
        secretKey,
        apiBase: spec.url ?? o.stripe?.apiBase ?? DEFAULT_STRIPE_API_BASE,
        timeoutMs: o.timeoutMs,
        ...(o.stripe?.webhookSecret !== undefined && { webhookSecret: o.stripe.webhookSecret }),
        now,
      })
    }
    default:
      return assertNever(spec.kind)
  }
}
