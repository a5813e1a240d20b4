import type { Config } from '../../platform/config/load-config.ts'
import { err, ok, type Result } from '../../platform/result.ts'
import type { PaymentsOptions } from './deps.ts'
import { parseGatewaySpecs } from './domain/parse-gateway-specs.ts'
import type { PaymentsConfigError } from './errors.ts'

type PaymentSettings = Pick<
  Config,
  | 'PAYMENT_GATEWAYS'
  | 'PAYMENT_TIMEOUT_MS'
  | 'PAYMENT_RETRIES'
  | 'PAYMENT_BREAKER_FAILURES'
  | 'PAYMENT_BREAKER_HALF_OPEN_MS'
  | 'STRIPE_SECRET_KEY'
  | 'STRIPE_API_BASE'
  | 'STRIPE_WEBHOOK_SECRET'
  | 'SANDBOX_PAYMENTS_PORT'
>

/**
 * The payments slice of the configuration, checked once at boot: a bad PAYMENT_GATEWAYS, or a
 * stripe gateway without STRIPE_SECRET_KEY, is an error whose message names the setting.
 */
export const paymentsOptionsFromConfig = (c: PaymentSettings): Result<PaymentsOptions, PaymentsConfigError> => {
  const specs = parseGatewaySpecs(c.PAYMENT_GATEWAYS)
  if (!specs.ok) return specs
  const stripe = specs.value.find((s) => s.kind === 'stripe')
  if (stripe && !c.STRIPE_SECRET_KEY) {
    return err({
      code: 'PAYMENTS_INVALID_CONFIG',
      message: `PAYMENT_GATEWAYS: gateway "${stripe.name}" is a stripe gateway, but STRIPE_SECRET_KEY is not set`,
    })
  }
  return ok({
    gateways: specs.value,
    timeoutMs: c.PAYMENT_TIMEOUT_MS,
    retries: c.PAYMENT_RETRIES,
    breakerFailures: c.PAYMENT_BREAKER_FAILURES,
    breakerHalfOpenMs: c.PAYMENT_BREAKER_HALF_OPEN_MS,
    sandboxDefaultUrl: `http://127.0.0.1:${c.SANDBOX_PAYMENTS_PORT || 4010}`,
    stripe: {
      ...(c.STRIPE_SECRET_KEY && { secretKey: c.STRIPE_SECRET_KEY }),
      apiBase: c.STRIPE_API_BASE,
      ...(c.STRIPE_WEBHOOK_SECRET && { webhookSecret: c.STRIPE_WEBHOOK_SECRET }),
    },
  })
}
