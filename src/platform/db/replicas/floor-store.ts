import type { Redis } from 'ioredis'
import { type Lsn, maxLsn } from './lsn.ts'

/** Beyond any real position: a read that must see it goes to the primary. */
export const UNKNOWN_FLOOR: Lsn = (1n << 64n) - 1n

/**
 * The WAL position of the latest committed change per read scope: a read of the scope may use a
 * replica only once it has replayed that far. Local to the process, or shared through Redis so
 * that a change made by one process is respected by every process's cache fills.
 */
export type FloorStore = {
  readonly raise: (scope: string, lsn: Lsn) => Promise<void>
  readonly get: (scope: string) => Promise<Lsn>
}

export const localFloors = (): FloorStore => {
  const floors = new Map<string, Lsn>()
  return {
    raise: async (scope, lsn) => {
      floors.set(scope, maxLsn(floors.get(scope) ?? 0n, lsn))
    },
    get: async (scope) => floors.get(scope) ?? 0n,
  }
}

// keeps the larger of the stored and the given position (as decimal strings: LSNs exceed 2^53)
const RAISE = `
local cur = redis.call('GET', KEYS[1])
if (not cur) or (string.len(ARGV[1]) > string.len(cur)) or (string.len(ARGV[1]) == string.len(cur) and ARGV[1] > cur) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return 1`

/**
 * Shared floors in Redis, over the process's own (a Redis hiccup never lowers what this process
 * knows). Entries expire after keepMs: by then every replica in rotation has replayed them, or is
 * out of rotation for lag.
 */
export const redisFloors = (redis: Redis, prefix: string, keepMs: number): FloorStore => {
  const local = localFloors()
  const keyOf = (scope: string) => `${prefix}db:floor:${scope}`
  return {
    raise: async (scope, lsn) => {
      await local.raise(scope, lsn)
      await redis.eval(RAISE, 1, keyOf(scope), lsn.toString(), String(keepMs))
    },
    get: async (scope) => {
      const mine = await local.get(scope)
      let shared: string | null
      try {
        shared = await redis.get(keyOf(scope))
      } catch {
        return UNKNOWN_FLOOR // another process may have changed the scope: only the primary is sure to have it
      }
      return shared && /^\d+$/.test(shared) ? maxLsn(mine, BigInt(shared)) : mine
    },
  }
}
