import { createHash } from 'node:crypto'

/** AES-256 keys are 32 bytes. */
export const SECRET_KEY_BYTES = 32

/**
 * A key setting (`STAFF_SECRET_KEY`): 32 bytes as 64 hex digits or as base64 (either alphabet,
 * padding optional), e.g. the output of `openssl rand -base64 32`. Null when it is neither.
 */
export const parseSecretKey = (text: string): Buffer | null => {
  const t = text.trim()
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex')
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) return null
  const b = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
  return b.length === SECRET_KEY_BYTES ? b : null
}

/**
 * The fixed key used outside production when no key is set: stable across restarts (secrets
 * sealed with it stay readable) and public (this line), so it protects nothing; production
 * refuses to start without a real key.
 */
export const developmentSecretKey = (purpose: string): Buffer =>
  createHash('sha256').update(`crest development key, not secret: ${purpose}`).digest()
