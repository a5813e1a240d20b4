// The admin JSON API under /admin, with the staff token kept for this tab (sessionStorage).

const TOKEN_KEY = 'crest.admin.token'

export type ApiError = { readonly status: number; readonly code: string; readonly message: string; readonly details?: unknown }

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
  }
}

export const token = (): string | null => sessionStorage.getItem(TOKEN_KEY)
export const setToken = (t: string | null): void => {
  if (t) sessionStorage.setItem(TOKEN_KEY, t)
  else sessionStorage.removeItem(TOKEN_KEY)
}

let onUnauthorized: () => void = () => {}
export const whenUnauthorized = (f: () => void): void => {
  onUnauthorized = f
}

/** For calls made outside `api` (a raw upload): an expired or revoked token sends staff to sign in. */
export const reportUnauthorized = (): void => onUnauthorized()

const key = (): string => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`)

/** One admin call; a JSON body, an Idempotency-Key on every write, errors thrown as ApiFailure. */
export const api = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json' }
  const t = token()
  if (t) headers.authorization = `Bearer ${t}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET') headers['idempotency-key'] = key()
  const res = await fetch(`/admin${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) })
  const text = await res.text()
  const json = text ? (JSON.parse(text) as unknown) : null
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error
    const error: ApiError = { status: res.status, code: e?.code ?? 'http_error', message: e?.message ?? `HTTP ${res.status}`, details: e?.details }
    if (res.status === 401 && path !== '/auth/token') onUnauthorized()
    throw new ApiFailure(error)
  }
  return json as T
}

export const query = (q: Record<string, string | number | undefined | null>): string => {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
  const s = p.toString()
  return s ? `?${s}` : ''
}

export const messageOf = (e: unknown): string => (e instanceof ApiFailure ? `${e.error.message} (${e.error.code})` : String(e))
