import { pooledRandomBytes } from './random-pool.ts'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32, lower case

const encodeTime = (ms: number): string => {
  let out = ''
  let t = ms
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out
    t = Math.floor(t / 32)
  }
  return out
}

/** 16 random characters (80 bits). */
const randomChars = (): string => {
  const bytes = pooledRandomBytes(16)
  let out = ''
  for (const b of bytes) out += ALPHABET[b % 32]
  return out
}

export type IdPrefix =
  | 'prod'
  | 'var'
  | 'cat'
  | 'img'
  | 'loc'
  | 'usr'
  | 'ord'
  | 'cart'
  | 'item'
  | 'evt'
  | 'res'
  | 'pay'
  | 'att'
  | 'promo'
  | 'zone'
  | 'ship'
  | 'hist'
  | 'oitem'
  | 'sched'
  | 'mail'
  | 'dlq'
  | 'whk'
  | 'whd'
  | 'wha'
  | 'cus'
  | 'addr'
  | 'plog'
  | 'ret'
  | 'rit'
  | 'rstep'
  | 'key'
  | 'aud'
  | 'rcv'
  | 'rate'

/** Sortable, prefixed ids: `prod_` + 10 chars of time + 16 random chars (ULID-like). */
export const newId = (prefix: IdPrefix, now: number = Date.now()): string => `${prefix}_${encodeTime(now)}${randomChars()}`

/** Deterministic id for seeded data: same seed text, same id. */
export const seededId = (prefix: IdPrefix, n: number, seedTime: number): string =>
  `${prefix}_${encodeTime(seedTime)}${n.toString(32).padStart(16, '0')}`
