import { createHash, timingSafeEqual } from 'node:crypto'
import { pooledRandomBytes } from '../../platform/ids/random-pool.ts'

const PREFIX = 'otok_'

/** A new order access token (shown to the shopper once) and the SHA-256 the database keeps. */
export const newAccessToken = (): { readonly token: string; readonly hash: string } => {
  const token = `${PREFIX}${pooledRandomBytes(32).toString('base64url')}`
  return { token, hash: hashAccessToken(token) }
}

export const hashAccessToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/** Constant-time check of a presented token against the stored hash. */
export const accessTokenMatches = (presented: string, storedHash: string): boolean => {
  const a = Buffer.from(hashAccessToken(presented), 'hex')
  const b = Buffer.from(storedHash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}
