import { err, ok, type Result } from '../../../platform/result.ts'
import type { PaymentsConfigError } from '../errors.ts'

export const GATEWAY_KINDS = ['sandbox', 'stripe'] as const
export type GatewayKind = (typeof GATEWAY_KINDS)[number]

/** One entry of PAYMENT_GATEWAYS; `url` is null when the entry gives none (the kind's default applies). */
export type GatewaySpec = { readonly name: string; readonly kind: GatewayKind; readonly url: string | null }

const NAME = /^[a-z][a-z0-9_-]{0,31}$/

const fail = (message: string): Result<never, PaymentsConfigError> =>
  err({ code: 'PAYMENTS_INVALID_CONFIG', message: `PAYMENT_GATEWAYS: ${message}` })

const isKind = (k: string): k is GatewayKind => (GATEWAY_KINDS as readonly string[]).includes(k)

const checkUrl = (url: string): string | null => {
  if (!URL.canParse(url)) return 'is not a URL'
  const u = new URL(url)
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'must start with http:// or https://'
  return null
}

const parseEntry = (entry: string, position: number): Result<GatewaySpec, PaymentsConfigError> => {
  const where = `entry ${position} ("${entry}")`
  const eq = entry.indexOf('=')
  if (eq < 0) return fail(`${where} must look like name=kind or name=kind@url`)
  const name = entry.slice(0, eq).trim()
  const rest = entry.slice(eq + 1).trim()
  const at = rest.indexOf('@')
  const kind = (at < 0 ? rest : rest.slice(0, at)).trim()
  const url = at < 0 ? null : rest.slice(at + 1).trim()
  if (!NAME.test(name)) return fail(`${where}: the name must be 1-32 lower-case letters, digits, - or _, starting with a letter`)
  if (!isKind(kind)) return fail(`${where}: unknown kind "${kind}" (expected one of ${GATEWAY_KINDS.join(', ')})`)
  if (url !== null) {
    const problem = url === '' ? 'is empty' : checkUrl(url)
    if (problem) return fail(`${where}: the URL ${problem}`)
  }
  return ok({ name, kind, url: url === null ? null : url.replace(/\/+$/, '') })
}

/**
 * Parses `PAYMENT_GATEWAYS`: comma-separated `name=kind[@url]` in priority order, e.g.
 * `primary=sandbox@http://127.0.0.1:4010,backup=sandbox@http://127.0.0.1:4011,card=stripe`.
 * Names are unique; kinds are `sandbox` and `stripe`.
 */
export const parseGatewaySpecs = (value: string): Result<GatewaySpec[], PaymentsConfigError> => {
  const entries = value.split(',').map((e) => e.trim())
  if (entries.every((e) => e === '')) return fail('no gateway is configured')
  const specs: GatewaySpec[] = []
  for (const [i, entry] of entries.entries()) {
    if (entry === '') return fail(`entry ${i + 1} is empty (stray comma?)`)
    const spec = parseEntry(entry, i + 1)
    if (!spec.ok) return spec
    if (specs.some((s) => s.name === spec.value.name)) return fail(`entry ${i + 1}: the name "${spec.value.name}" is used twice`)
    specs.push(spec.value)
  }
  return ok(specs)
}
