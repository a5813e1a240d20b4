import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The webhook signature scheme of Stripe (`Stripe-Signature`), used by the sandbox gateway
 * (`Crest-Sandbox-Signature`) and the sandbox carrier (`Crest-Carrier-Signature`) too: the header is `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, where each
 * `v1` is HMAC-SHA256(secret, `${t}.${rawBody}`) in lower-case hex. Several `v1` values are allowed
 * (a secret being rolled); one matching is enough. A timestamp further than `toleranceSeconds`
 * from now (either way) is refused, so a captured request cannot be replayed later.
 */
export const DEFAULT_TOLERANCE_SECONDS = 300

const hmacHex = (secret: string, payload: string): string => createHmac('sha256', secret).update(payload, 'utf8').digest('hex')

/** Builds a header value for `rawBody` signed at `timestamp` (unix seconds). */
export const signatureHeader = (secret: string, rawBody: string, timestamp: number): string =>
  `t=${timestamp},v1=${hmacHex(secret, `${timestamp}.${rawBody}`)}`

const parseHeader = (header: string): { t: number; v1: string[] } | null => {
  let t: number | null = null
  const v1: string[] = []
  for (const part of header.split(',')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const key = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (key === 't') {
      if (t !== null || !/^\d{1,12}$/.test(value)) return null
      t = Number(value)
    } else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) {
      v1.push(value.toLowerCase())
    }
  }
  return t === null || v1.length === 0 ? null : { t, v1 }
}

const sameHex = (a: string, b: string): boolean => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'))

export const verifySignature = (input: {
  readonly secret: string
  readonly header: string | undefined
  readonly rawBody: string
  readonly nowSeconds: number
  readonly toleranceSeconds?: number
}): boolean => {
  if (!input.header || input.secret === '') return false
  const parsed = parseHeader(input.header)
  if (!parsed) return false
  if (Math.abs(input.nowSeconds - parsed.t) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false
  const expected = hmacHex(input.secret, `${parsed.t}.${input.rawBody}`)
  return parsed.v1.some((v) => sameHex(v, expected))
}

/** Verifies and parses a JSON webhook body; null when the signature or the JSON is bad. */
export const verifyJsonWebhook = (input: Parameters<typeof verifySignature>[0]): unknown | null => {
  if (!verifySignature(input)) return null
  try {
    return JSON.parse(input.rawBody) as unknown
  } catch {
    return null
  }
}

/** Header lookup that ignores case, as HTTP header names do; the first value of a repeated header. */
export const headerValue = (headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined => {
  const wanted = name.toLowerCase()
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return Array.isArray(v) ? v[0] : v
  return undefined
}
