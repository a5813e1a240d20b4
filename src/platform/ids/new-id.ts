import { randomFillSync } from 'node:crypto'

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

// random bytes are drawn 4 KiB at a time: one call into the CSPRNG per 256 ids instead of one per id
const pool = Buffer.alloc(4096)
let used = pool.length

/** 16 random characters (80 bits). */
const randomChars = (): string => {
  if (used + 16 > pool.length) {
    randomFillSync(pool)
    used = 0
  }
  let out = ''
  for (let i = used; i < used + 16; i++) out += ALPHABET[(pool[i] as number) % 32]
  used += 16
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
