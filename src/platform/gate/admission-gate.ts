import type { Redis } from 'ioredis'

export type Admission = 'admitted' | 'sold_out' | 'not_gated'

/**
 * The hot-SKU gate: an atomic counter of units left per flash-sale item. Buyers beyond it are
 * answered "sold out" at once, without touching the database. It only admits; the database's
 * conditional write still decides, so the gate can never cause an oversell, only spare writes.
 */
export type AdmissionGate = {
  readonly open: (key: string, units: number) => Promise<void>
  readonly close: (key: string) => Promise<void>
  readonly admit: (key: string, units: number) => Promise<Admission>
  /** units admitted but not sold (payment declined, stock race lost) go back */
  readonly giveBack: (key: string, units: number) => Promise<void>
  readonly remaining: (key: string) => Promise<number | null>
  readonly gatedKeys: () => Promise<string[]>
  readonly stats: () => { readonly admitted: number; readonly rejected: number }
}

export const localGate = (): AdmissionGate => {
  const left = new Map<string, number>()
  const stats = { admitted: 0, rejected: 0 }
  return {
    open: async (key, units) => void left.set(key, units),
    close: async (key) => void left.delete(key),
    admit: async (key, units) => {
      const n = left.get(key)
      if (n === undefined) return 'not_gated'
      if (n < units) {
        stats.rejected++
        return 'sold_out'
      }
      left.set(key, n - units)
      stats.admitted++
      return 'admitted'
    },
    giveBack: async (key, units) => {
      const n = left.get(key)
      if (n !== undefined) left.set(key, n + units)
    },
    remaining: async (key) => left.get(key) ?? null,
    gatedKeys: async () => [...left.keys()],
    stats: () => stats,
  }
}

const ADMIT = `
local n = redis.call('GET', KEYS[1])
if not n then return -1 end
if tonumber(n) < tonumber(ARGV[1]) then return 0 end
redis.call('DECRBY', KEYS[1], ARGV[1])
return 1`

const GIVE_BACK = `
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return -1`

/** Shared by every process through Redis: one Lua script per admission, atomic. */
export const redisGate = (redis: Redis, prefix: string): AdmissionGate => {
  const k = (key: string) => `${prefix}gate:${key}`
  const set = `${prefix}gate:keys`
  const stats = { admitted: 0, rejected: 0 }
  return {
    open: async (key, units) => {
      await redis.multi().set(k(key), String(units)).sadd(set, key).exec()
    },
    close: async (key) => {
      await redis.multi().del(k(key)).srem(set, key).exec()
    },
    admit: async (key, units) => {
      const r = Number(await redis.eval(ADMIT, 1, k(key), String(units)))
      if (r === -1) return 'not_gated'
      if (r === 0) {
        stats.rejected++
        return 'sold_out'
      }
      stats.admitted++
      return 'admitted'
    },
    giveBack: async (key, units) => {
      await redis.eval(GIVE_BACK, 1, k(key), String(units))
    },
    remaining: async (key) => {
      const v = await redis.get(k(key))
      return v === null ? null : Number(v)
    },
    gatedKeys: () => redis.smembers(set),
    stats: () => stats,
  }
}
