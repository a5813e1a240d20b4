import { randomFillSync } from 'node:crypto'

// random bytes are drawn from the CSPRNG 4 KiB at a time: one call per few hundred ids or tokens
// instead of one each (a call costs ~20 µs; the flash sale hands out a token to every buyer)
const pool = Buffer.alloc(4096)
let used = pool.length

/** `size` bytes (at most 256) from the process's pool of cryptographically strong random bytes; a copy of its own. */
export const pooledRandomBytes = (size: number): Buffer => {
  if (!Number.isInteger(size) || size < 1 || size > 256) throw new RangeError(`pooledRandomBytes: size ${size} is not 1..256`)
  if (used + size > pool.length) {
    randomFillSync(pool)
    used = 0
  }
  const out = Buffer.from(pool.subarray(used, used + size))
  used += size
  return out
}
