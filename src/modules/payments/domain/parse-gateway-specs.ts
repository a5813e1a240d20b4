import { type ProviderSpec, parseProviderSpecs } from '../../../platform/config/provider-specs.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { PaymentsConfigError } from '../errors.ts'

export const GATEWAY_KINDS = ['sandbox', 'stripe'] as const
export type GatewayKind = (typeof GATEWAY_KINDS)[number]

/** One entry of PAYMENT_GATEWAYS; `url` is null when the entry gives none (the kind's default applies). */
export type GatewaySpec = ProviderSpec<GatewayKind>

/**
 * Parses `PAYMENT_GATEWAYS`: comma-separated `name=kind[@url]` in priority order, e.g.
 * `primary=sandbox@http://127.0.0.1:4010,backup=sandbox@http://127.0.0.1:4011,card=stripe`.
 * Names are unique; kinds are `sandbox` and `stripe`.
 */
export const parseGatewaySpecs = (value: string): Result<GatewaySpec[], PaymentsConfigError> => {
  const r = parseProviderSpecs(value, GATEWAY_KINDS, 'gateway')
  return r.ok ? ok(r.value) : err({ code: 'PAYMENTS_INVALID_CONFIG', message: `PAYMENT_GATEWAYS: ${r.error}` })
}
