import { type ProviderSpec, parseProviderSpecs } from '../../../platform/config/provider-specs.ts'
import { err, ok, type Result } from '../../../platform/result.ts'

export const CARRIER_KINDS = ['sandbox'] as const
export type CarrierKind = (typeof CARRIER_KINDS)[number]

/** One entry of CARRIERS; `url` is null when the entry gives none (the kind's default applies). */
export type CarrierSpec = ProviderSpec<CarrierKind>

export type CarrierConfigError = { readonly code: 'FULFILLMENT_INVALID_CONFIG'; readonly message: string }

/**
 * Parses `CARRIERS`: comma-separated `name=kind[@url]`, e.g. `sandbox=sandbox@http://127.0.0.1:4020`.
 * The first one books the shipments; every one of them is heard at `/webhooks/carriers/<name>`.
 */
export const parseCarrierSpecs = (value: string): Result<CarrierSpec[], CarrierConfigError> => {
  const r = parseProviderSpecs(value, CARRIER_KINDS, 'carrier')
  return r.ok ? ok(r.value) : err({ code: 'FULFILLMENT_INVALID_CONFIG', message: `CARRIERS: ${r.error}` })
}
