import type { Config } from '../../platform/config/load-config.ts'
import { ok, type Result } from '../../platform/result.ts'
import type { Address, Carrier } from './carriers/carrier.ts'
import { type CarrierConfigError, type CarrierSpec, parseCarrierSpecs } from './carriers/parse-carrier-specs.ts'
import { sandboxCarrier } from './carriers/sandbox-carrier.ts'
import type { RiskRules } from './domain/assess-risk.ts'

export type CapturePolicy = 'on_fulfillment' | 'immediate'

export type ProcessingOptions = {
  /** in CARRIERS order, URLs resolved; the first books the shipments */
  readonly carriers: readonly (CarrierSpec & { readonly url: string })[]
  readonly webhookSecret: string
  readonly shipFrom: Address
  readonly capturePolicy: CapturePolicy
  readonly captureIntervalMs: number
  /** 0: no polling */
  readonly pollIntervalMs: number
  readonly risk: RiskRules
  /** prices include tax (the confirmation e-mail says "incl.") */
  readonly taxIncluded: boolean
}

type Settings = Pick<
  Config,
  | 'CARRIERS'
  | 'SANDBOX_CARRIER_PORT'
  | 'CARRIER_WEBHOOK_SECRET'
  | 'SHIP_FROM_COUNTRY'
  | 'DEFAULT_COUNTRY'
  | 'STORE_NAME'
  | 'CAPTURE_POLICY'
  | 'CAPTURE_INTERVAL_MS'
  | 'CARRIER_POLL_INTERVAL_MS'
  | 'RISK_HOLD_ABOVE'
  | 'RISK_ALLOWED_COUNTRIES'
  | 'RISK_MAX_ORDERS_PER_EMAIL_HOUR'
  | 'PRICES_INCLUDE_TAX'
>

const sandboxDefaultUrl = (port: number) => `http://127.0.0.1:${port || 4020}`

/** The order-processing slice of the configuration, checked once at boot (a bad CARRIERS names itself). */
export const processingOptionsFromConfig = (c: Settings): Result<ProcessingOptions, CarrierConfigError> => {
  const specs = parseCarrierSpecs(c.CARRIERS)
  if (!specs.ok) return specs
  return ok({
    carriers: specs.value.map((s) => ({ ...s, url: s.url ?? sandboxDefaultUrl(c.SANDBOX_CARRIER_PORT) })),
    webhookSecret: c.CARRIER_WEBHOOK_SECRET,
    shipFrom: { country: (c.SHIP_FROM_COUNTRY ?? c.DEFAULT_COUNTRY).toUpperCase(), name: c.STORE_NAME },
    capturePolicy: c.CAPTURE_POLICY,
    captureIntervalMs: c.CAPTURE_INTERVAL_MS,
    pollIntervalMs: c.CARRIER_POLL_INTERVAL_MS,
    risk: {
      holdAbove: c.RISK_HOLD_ABOVE,
      allowedCountries: c.RISK_ALLOWED_COUNTRIES,
      maxOrdersPerEmailHour: c.RISK_MAX_ORDERS_PER_EMAIL_HOUR,
    },
    taxIncluded: c.PRICES_INCLUDE_TAX,
  })
}

/** The carrier adapters the options name, by name. */
export const buildCarriers = (o: Pick<ProcessingOptions, 'carriers' | 'webhookSecret'>): ReadonlyMap<string, Carrier> =>
  new Map(o.carriers.map((s) => [s.name, sandboxCarrier({ name: s.name, url: s.url, secret: o.webhookSecret })]))

/**
 * The sandbox carrier `crest start` should run itself: the configured sandbox carrier on this
 * machine's SANDBOX_CARRIER_PORT, if there is one (its webhooks go to `/webhooks/carriers/<name>`).
 */
export const sandboxCarrierToRun = (
  c: Pick<Config, 'CARRIERS' | 'SANDBOX_CARRIER_PORT'>,
): { readonly name: string; readonly port: number } | null => {
  if (c.SANDBOX_CARRIER_PORT === 0) return null
  const specs = parseCarrierSpecs(c.CARRIERS)
  if (!specs.ok) return null
  const local = specs.value.find((s) => {
    if (s.kind !== 'sandbox') return false
    if (s.url === null) return true
    const u = new URL(s.url)
    return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && Number(u.port) === c.SANDBOX_CARRIER_PORT
  })
  return local ? { name: local.name, port: c.SANDBOX_CARRIER_PORT } : null
}
