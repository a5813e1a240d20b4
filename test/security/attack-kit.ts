/**
 * The attack script's parts: every route of the running app, what each one takes (from the OpenAPI
 * document the app serves), and hostile values for every string it takes.
 */

export const PAYLOADS: readonly string[] = [
  "' OR 1=1--",
  '"; DROP TABLE orders;--',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  `nul${String.fromCharCode(0)}byte`,
  '\u202e\uFEFF\uD800 🛒 ǅ ẞ',
  '../../../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '{{7*7}}${7*7}',
  'x'.repeat(20_000),
]

/** Whether a payload's raw, unescaped markup shows in an HTML answer. */
export const RAW_MARKUP = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'] as const

export type Route = { readonly method: string; readonly path: string }

/**
 * Every method and path of the app, from Fastify's route tree (`printRoutes({ commonPrefix: false })`),
 * so routes hidden from the OpenAPI document are attacked too. HEAD is left out (GET covers it).
 */
export const routesOf = (tree: string): Route[] => {
  const stack: string[] = []
  const out: Route[] = []
  for (const line of tree.split('\n')) {
    const at = line.indexOf('── ')
    if (at < 0) continue
    const depth = (at - 1) / 4
    const m = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(at + 3)) as RegExpExecArray
    stack.length = depth
    stack[depth] = m[1] as string
    const path = stack.join('')
    for (const method of (m[2] ?? '').split(',').map((s) => s.trim())) if (method !== '' && method !== 'HEAD') out.push({ method, path })
  }
  return out
}

type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  const?: unknown
  format?: string
  minimum?: number
  exclusiveMinimum?: number
  minLength?: number
  minItems?: number
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  default?: unknown
}

type Operation = {
  parameters?: { in: string; name: string; schema?: JsonSchema; required?: boolean }[]
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> }
}

export type OpenApi = { paths: Record<string, Record<string, Operation>> }

const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type)

const pick = (s: JsonSchema): JsonSchema => s.anyOf?.[0] ?? s.oneOf?.[0] ?? (s.allOf ? Object.assign({}, ...s.allOf) : s)

/** A plausible value for a schema: what a well-meaning client would send, so a payload in one field reaches the handler. */
export const sampleOf = (schema: JsonSchema | undefined, depth = 0): unknown => {
  if (!schema || depth > 6) return 'x'
  const s = pick(schema)
  if (s.const !== undefined) return s.const
  if (s.enum) return s.enum[0]
  if (s.default !== undefined) return s.default
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sampleOf(v, depth + 1)
      return out
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sampleOf(s.items, depth + 1))
    case 'integer':
    case 'number':
      return Math.max(1, (s.minimum ?? s.exclusiveMinimum ?? 0) + (s.exclusiveMinimum !== undefined ? 1 : 0))
    case 'boolean':
      return true
    case 'string':
      if (s.format === 'email') return 'attack@example.test'
      if (s.format === 'date-time') return '2030-01-01T00:00:00.000Z'
      if (s.format === 'uri' || s.format === 'url') return 'https://example.test/x'
      return 'x'.repeat(Math.max(1, s.minLength ?? 1))
    default:
      return 'x'
  }
}

/** The paths (as key lists) of every string-typed leaf of a schema. */
export const stringPaths = (schema: JsonSchema | undefined, at: (string | number)[] = [], depth = 0): (string | number)[][] => {
  if (!schema || depth > 6) return []
  const s = pick(schema)
  const t = typeOf(s)
  if (t === 'object') return Object.entries(s.properties ?? {}).flatMap(([k, v]) => stringPaths(v, [...at, k], depth + 1))
  if (t === 'array') return stringPaths(s.items, [...at, 0], depth + 1)
  return t === 'string' || t === undefined ? [at] : []
}

export const setAt = (value: unknown, path: (string | number)[], leaf: unknown): unknown => {
  if (path.length === 0) return leaf
  const [head, ...rest] = path as [string | number, ...(string | number)[]]
  const base = (value && typeof value === 'object' ? structuredClone(value) : typeof head === 'number' ? [] : {}) as Record<
    string | number,
    unknown
  >
  base[head] = setAt(base[head], rest, leaf)
  return base
}

export type RouteInput = {
  readonly path: JsonSchema[]
  readonly query: { name: string; schema?: JsonSchema }[]
  readonly body?: JsonSchema
}

/** What the OpenAPI document says a route takes (path params from the route itself when undocumented). */
export const inputOf = (doc: OpenApi, r: Route): RouteInput | undefined => {
  const key = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
  const op = doc.paths[key]?.[r.method.toLowerCase()]
  if (!op) return undefined
  const params = op.parameters ?? []
  return {
    path: params.filter((p) => p.in === 'path').map((p) => p.schema ?? {}),
    query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, ...(p.schema && { schema: p.schema }) })),
    ...(op.requestBody?.content?.['application/json']?.schema && { body: op.requestBody.content['application/json'].schema }),
  }
}

/** The route's path with every `:param` set to `value` (URL-encoded). */
export const fillPath = (path: string, value: (name: string) => string): string =>
  path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeSegment(value(name)))

/** Percent-encoding that also sends a lone surrogate, as the invalid UTF-8 bytes a hostile client would. */
const encodeSegment = (s: string): string =>
  s
    .split(/([\uD800-\uDFFF])/)
    .map((part) => (part.length === 1 && /[\uD800-\uDFFF]/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('')

/** Names of the form fields of an HTML page. */
export const formFieldsOf = (page: string): string[] => [
  ...new Set([...page.matchAll(/<(?:input|select|textarea|button)\b[^>]*?\sname="([^"]+)"/g)].map((m) => m[1] as string)),
]
