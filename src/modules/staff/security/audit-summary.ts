/** Field names whose values never reach the audit log. */
const SECRET_FIELDS = new Set([
  'password',
  'new_password',
  'current_password',
  'otp',
  'token',
  'access_token',
  'key',
  'secret',
  'recovery_code',
  'recovery_codes',
  'otpauth_url',
  'qr_svg',
  'qr_data_url',
])
const MAX_CHARS = 4000
const MAX_DEPTH = 6

const redact = (v: unknown, depth: number): unknown => {
  if (depth > MAX_DEPTH) return '[deep]'
  if (Array.isArray(v)) return v.slice(0, 50).map((x) => redact(x, depth + 1))
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = SECRET_FIELDS.has(k.toLowerCase()) ? '[redacted]' : redact(x, depth + 1)
    return out
  }
  return typeof v === 'string' && v.length > 500 ? `${v.slice(0, 500)}…` : v
}

/** A body as the audit log keeps it: secrets redacted, long values cut, at most ~4 kB. */
export const auditSummary = (body: unknown): unknown => {
  if (body === undefined || body === null || body === '') return null
  const safe = redact(body, 0)
  const text = JSON.stringify(safe)
  return text.length <= MAX_CHARS ? safe : { truncated: true, preview: text.slice(0, MAX_CHARS) }
}

/** The JSON a handler sent, parsed, or null for anything else. */
export const parsedPayload = (payload: unknown): unknown => {
  if (typeof payload !== 'string' || payload.length === 0 || payload.length > 1_000_000) return null
  try {
    return JSON.parse(payload)
  } catch {
    return null
  }
}
