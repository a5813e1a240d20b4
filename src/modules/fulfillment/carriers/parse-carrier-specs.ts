import { err, ok, type Result } from '../../../platform/result.ts'

export const CARRIER_KINDS = ['sandbox'] as const
export type CarrierKind = (typeof CARRIER_KINDS)[number]

/** One entry of CARRIERS; `url` is null when the entry gives none (the kind's default applies). */
export type CarrierSpec = { readonly name: string; readonly kind: CarrierKind; readonly url: string | null }

export type CarrierConfigError = { readonly code: 'FULFILLMENT_INVALID_CONFIG'; readonly message: string }

const NAME = /^[a-z][a-z0-9_-]{0,31}$/

const fail = (message: string): Result<never, CarrierConfigError> =>
  err({ code: 'FULFILLMENT_INVALID_CONFIG', message: `CARRIERS: ${message}` })

const isKind = (k: string): k is CarrierKind => (CARRIER_KINDS as readonly string[]).includes(k)

const urlProblem = (url: string): string | null => {
  if (url === '') return 'is empty'
  if (!URL.canParse(url)) return 'is not a URL'
  const { protocol } = new URL(url)
  return protocol === 'http:' || protocol === 'https:' ? null : 'must start with http:// or https://'
}

const parseEntry = (entry: string, position: number): Result<CarrierSpec, CarrierConfigError> => {
  const where = `entry ${position} ("${entry}")`
  const eq = entry.indexOf('=')
  if (eq < 0) return fail(`${where} must look like name=kind or name=kind@url`)
  const name = entry.slice(0, eq).trim()
  const rest = entry.slice(eq + 1).trim()
  const at = rest.indexOf('@')
  const kind = (at < 0 ? rest : rest.slice(0, at)).trim()
  const url = at < 0 ? null : rest.slice(at + 1).trim()
  if (!NAME.test(name)) return fail(`${where}: the name must be 1-32 lower-case letters, digits, - or _, starting with a letter`)
  if (!isKind(kind)) return fail(`${where}: unknown kind "${kind}" (expected one of ${CARRIER_KINDS.join(', ')})`)
  const problem = url === null ? null : urlProblem(url)
  if (problem) return fail(`${where}: the URL ${problem}`)
  return ok({ name, kind, url: url === null ? null : url.replace(/\/+$/, '') })
}

/**
 * Parses `CARRIERS`: comma-separated `name=kind[@url]`, e.g. `sandbox=sandbox@http://127.0.0.1:4020`.
 * The first one books the shipments; every one of them is heard at `/webhooks/carriers/<name>`.
 */
export const parseCarrierSpecs = (value: string): Result<CarrierSpec[], CarrierConfigError> => {
  const entries = value.split(',').map((e) => e.trim())
  if (entries.every((e) => e === '')) return fail('no carrier is configured')
  const specs: CarrierSpec[] = []
  for (const [i, entry] of entries.entries()) {
    if (entry === '') return fail(`entry ${i + 1} is empty (stray comma?)`)
    const spec = parseEntry(entry, i + 1)
    if (!spec.ok) return spec
    if (specs.some((s) => s.name === spec.value.name)) return fail(`entry ${i + 1}: the name "${spec.value.name}" is used twice`)
    specs.push(spec.value)
  }
  return ok(specs)
}
