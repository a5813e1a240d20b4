import { err, ok, type Result } from '../result.ts'

/** One `name=kind[@url]` entry; `url` is null when the entry gives none (the kind's default applies). */
export type ProviderSpec<K extends string> = { readonly name: string; readonly kind: K; readonly url: string | null }

const NAME = /^[a-z][a-z0-9_-]{0,31}$/

const urlProblem = (url: string): string | null => {
  if (url === '') return 'is empty'
  if (!URL.canParse(url)) return 'is not a URL'
  const { protocol } = new URL(url)
  return protocol === 'http:' || protocol === 'https:' ? null : 'must start with http:// or https://'
}

const parseEntry = <K extends string>(entry: string, position: number, kinds: readonly K[]): Result<ProviderSpec<K>, string> => {
  const where = `entry ${position} ("${entry}")`
  const eq = entry.indexOf('=')
  if (eq < 0) return err(`${where} must look like name=kind or name=kind@url`)
  const name = entry.slice(0, eq).trim()
  const rest = entry.slice(eq + 1).trim()
  const at = rest.indexOf('@')
  const kind = (at < 0 ? rest : rest.slice(0, at)).trim()
  const url = at < 0 ? null : rest.slice(at + 1).trim()
  if (!NAME.test(name)) return err(`${where}: the name must be 1-32 lower-case letters, digits, - or _, starting with a letter`)
  if (!(kinds as readonly string[]).includes(kind)) return err(`${where}: unknown kind "${kind}" (expected one of ${kinds.join(', ')})`)
  const problem = url === null ? null : urlProblem(url)
  if (problem) return err(`${where}: the URL ${problem}`)
  return ok({ name, kind: kind as K, url: url === null ? null : url.replace(/\/+$/, '') })
}

/**
 * Parses a list of providers in priority order, as PAYMENT_GATEWAYS and CARRIERS give them:
 * comma-separated `name=kind[@url]`, unique names, known kinds, http(s) URLs. The error is a
 * sentence naming the entry; the caller prefixes the setting's name.
 */
export const parseProviderSpecs = <K extends string>(
  value: string,
  kinds: readonly K[],
  what: string,
): Result<ProviderSpec<K>[], string> => {
  const entries = value.split(',').map((e) => e.trim())
  if (entries.every((e) => e === '')) return err(`no ${what} is configured`)
  const specs: ProviderSpec<K>[] = []
  for (const [i, entry] of entries.entries()) {
    if (entry === '') return err(`entry ${i + 1} is empty (stray comma?)`)
    const spec = parseEntry(entry, i + 1, kinds)
    if (!spec.ok) return spec
    if (specs.some((s) => s.name === spec.value.name)) return err(`entry ${i + 1}: the name "${spec.value.name}" is used twice`)
    specs.push(spec.value)
  }
  return ok(specs)
}
