import type { Redis } from 'ioredis'

/** How busy the store is: distinct shoppers in the session window, and shopper requests per second. */
export type Load = { readonly shoppers: number; readonly rps: number }

export type LoadMeter = {
  /** one shopper request (no I/O: counted in memory, flushed by `read`) */
  readonly record: (sessionKey: string) => void
  /** flushes this process's counts and reads the load over every process */
  readonly read: () => Promise<Load>
}

const BUCKET_S = 10
const RATE_WINDOW_S = 10

const bucketOf = (ms: number) => Math.floor(ms / 1000 / BUCKET_S)
const secondOf = (ms: number) => Math.floor(ms / 1000)
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)

/** In this process: a set of session keys per 10-second bucket, a count per second. */
export const localLoadMeter = (o: { readonly windowSeconds: number; readonly nowMs?: () => number }): LoadMeter => {
  const now = o.nowMs ?? Date.now
  const sessions = new Map<number, Set<string>>()
  const requests = new Map<number, number>()
  const buckets = Math.ceil(o.windowSeconds / BUCKET_S)
  return {
    record: (key) => {
      const t = now()
      const b = bucketOf(t)
      const set = sessions.get(b) ?? new Set<string>()
      sessions.set(b, set)
      if (set.size < 2_000_000) set.add(key)
      const s = secondOf(t)
      requests.set(s, (requests.get(s) ?? 0) + 1)
    },
    read: async () => {
      const t = now()
      const b = bucketOf(t)
      const s = secondOf(t)
      for (const k of sessions.keys()) if (k <= b - buckets) sessions.delete(k)
      for (const k of requests.keys()) if (k < s - RATE_WINDOW_S) requests.delete(k)
      const seen = new Set<string>()
      for (const set of sessions.values()) for (const key of set) seen.add(key)
      let n = 0
      for (const sec of range(s - RATE_WINDOW_S, s - 1)) n += requests.get(sec) ?? 0
      return { shoppers: seen.size, rps: n / RATE_WINDOW_S }
    },
  }
}

/**
 * Shared by every process: each flushes its session keys into a HyperLogLog per 10-second bucket
 * and its request count into a counter per second, once per read (about once a second), so a
 * request costs no Redis call. Buckets expire on their own.
 */
export const redisLoadMeter = (o: {
  readonly redis: Redis
  readonly prefix: string
  readonly windowSeconds: number
  readonly nowMs?: () => number
}): LoadMeter => {
  const now = o.nowMs ?? Date.now
  const buckets = Math.ceil(o.windowSeconds / BUCKET_S)
  let pending = new Map<number, Set<string>>()
  let counts = new Map<number, number>()
  const hll = (b: number) => `${o.prefix}wr:shoppers:${b}`
  const cnt = (s: number) => `${o.prefix}wr:requests:${s}`
  return {
    record: (key) => {
      const t = now()
      const b = bucketOf(t)
      const set = pending.get(b) ?? new Set<string>()
      pending.set(b, set)
      if (set.size < 200_000) set.add(key)
      const s = secondOf(t)
      counts.set(s, (counts.get(s) ?? 0) + 1)
    },
    read: async () => {
      const flushSessions = pending
      const flushCounts = counts
      pending = new Map()
      counts = new Map()
      const m = o.redis.multi()
      for (const [b, set] of flushSessions) {
        const keys = [...set]
        for (let i = 0; i < keys.length; i += 1000) m.pfadd(hll(b), ...keys.slice(i, i + 1000))
        m.expire(hll(b), (buckets + 1) * BUCKET_S)
      }
      for (const [s, n] of flushCounts) {
        m.incrby(cnt(s), n)
        m.expire(cnt(s), RATE_WINDOW_S * 3)
      }
      const t = now()
      const b = bucketOf(t)
      const s = secondOf(t)
      m.pfcount(...range(b - buckets + 1, b).map(hll))
      m.mget(...range(s - RATE_WINDOW_S, s - 1).map(cnt))
      const res = await m.exec()
      if (!res) throw new Error('waiting room: load transaction discarded')
      for (const [e] of res) if (e) throw e
      const [, shoppers] = res[res.length - 2] as [null, number]
      const [, perSecond] = res[res.length - 1] as [null, (string | null)[]]
      const n = perSecond.reduce((sum, v) => sum + (v ? Number(v) : 0), 0)
      return { shoppers: Number(shoppers), rps: n / RATE_WINDOW_S }
    },
  }
}
