import { createHmac, timingSafeEqual } from 'node:crypto'
import { pooledRandomBytes } from '../ids/random-pool.ts'

/**
 * Tickets and passes of the waiting room: `<kind>.<fields>.<signature>`, signed with HMAC-SHA256.
 * Nothing is stored per holder: the place in line and the access expiry travel in the token.
 *   ticket  q1.<seq>.<issued-at ms>.<id>.<sig>   a place in line (seq: 1, 2, 3… in order of arrival)
 *   pass    p1.<id>.<expires-at ms>.<sig>        access to the store until the expiry
 */
export type Ticket = { readonly seq: number; readonly issuedAtMs: number; readonly id: string }
export type Pass = { readonly id: string; readonly expiresAtMs: number }

export type TokenProblem = 'malformed' | 'forged' | 'expired'
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: TokenProblem }

const ID = /^[A-Za-z0-9_-]{16,32}$/
const DIGITS = /^[1-9][0-9]{0,15}$/
/** a token issued slightly in the future (clock skew between processes) is still fine */
const SKEW_MS = 60_000

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url')

const signatureMatches = (secret: string, payload: string, sig: string): boolean => {
  const want = Buffer.from(sign(secret, payload))
  const got = Buffer.from(sig)
  return want.length === got.length && timingSafeEqual(want, got)
}

export const newTokenId = (): string => pooledRandomBytes(12).toString('base64url')

export const signTicket = (secret: string, t: Ticket): string => {
  const payload = `q1.${t.seq}.${t.issuedAtMs}.${t.id}`
  return `${payload}.${sign(secret, payload)}`
}

export const signPass = (secret: string, p: Pass): string => {
  const payload = `p1.${p.id}.${p.expiresAtMs}`
  return `${payload}.${sign(secret, payload)}`
}

export const tokenKind = (token: string): 'ticket' | 'pass' | null =>
  token.startsWith('q1.') ? 'ticket' : token.startsWith('p1.') ? 'pass' : null

/** A ticket is good when well formed, signed with `secret`, and younger than `ttlMs`. */
export const verifyTicket = (secret: string, token: string, nowMs: number, ttlMs: number): Checked<Ticket> => {
  if (token.length > 200) return { ok: false, problem: 'malformed' }
  const parts = token.split('.')
  if (parts.length !== 5 || parts[0] !== 'q1') return { ok: false, problem: 'malformed' }
  const [, seq, issued, id, sig] = parts as [string, string, string, string, string]
  if (!DIGITS.test(seq) || !DIGITS.test(issued) || !ID.test(id)) return { ok: false, problem: 'malformed' }
  if (!signatureMatches(secret, `q1.${seq}.${issued}.${id}`, sig)) return { ok: false, problem: 'forged' }
  const issuedAtMs = Number(issued)
  if (issuedAtMs > nowMs + SKEW_MS || nowMs - issuedAtMs >= ttlMs) return { ok: false, problem: 'expired' }
  return { ok: true, value: { seq: Number(seq), issuedAtMs, id } }
}

/** A pass is good when well formed, signed with `secret`, and not past its expiry. */
export const verifyPass = (secret: string, token: string, nowMs: number): Checked<Pass> => {
  if (token.length > 200) return { ok: false, problem: 'malformed' }
  const parts = token.split('.')
  if (parts.length !== 4 || parts[0] !== 'p1') return { ok: false, problem: 'malformed' }
  const [, id, expires, sig] = parts as [string, string, string, string]
  if (!ID.test(id) || !DIGITS.test(expires)) return { ok: false, problem: 'malformed' }
  if (!signatureMatches(secret, `p1.${id}.${expires}`, sig)) return { ok: false, problem: 'forged' }
  const expiresAtMs = Number(expires)
  if (nowMs >= expiresAtMs) return { ok: false, problem: 'expired' }
  return { ok: true, value: { id, expiresAtMs } }
}
