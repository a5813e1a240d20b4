import type { Redis } from 'ioredis'
import type { LoginThrottle } from './login-throttle.ts'

/**
 * One failure, atomically: count it (the window restarts at each failure), and past the free
 * allowance set a lock of base × 2^(over-1) ms, capped. KEYS: counter, lock. ARGV: window, free, base, max.
 */
const RECORD_FAILURE = `
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local over = n - tonumber(ARGV[2])
local lock = 0
if over > 0 then
  if over > 32 then over = 32 end
  lock = math.floor(math.min(tonumber(ARGV[3]) * (2 ^ (over - 1)), tonumber(ARGV[4])))
  redis.call('SET', KEYS[2], '1', 'PX', lock)
end
return {n, lock}`

/** Shared by every process: counters and locks live in Redis and expire there (PTTL, so no clock skew). */
export const redisThrottle = (redis: Redis, prefix: string): LoginThrottle => {
  const counter = (k: string) => `${prefix}login:n:${k}`
  const lock = (k: string) => `${prefix}login:lock:${k}`
  return {
    lockedForMs: async (keys) => {
      if (keys.length === 0) return 0
      const ttls = await Promise.all(keys.map((k) => redis.pttl(lock(k))))
      return Math.max(0, ...ttls)
    },
    recordFailure: (keys) =>
      Promise.all(
        keys.map(async ({ key, rule }) => {
          const [failures, lockMs] = (await redis.eval(
            RECORD_FAILURE,
            2,
            counter(key),
            lock(key),
            rule.windowMs,
            rule.free,
            rule.baseMs,
            rule.maxMs,
          )) as [number, number]
          return { failures: Number(failures), lockMs: Number(lockMs) }
        }),
      ),
    clear: async (key) => {
      await redis.del(counter(key), lock(key))
    },
  }
}
