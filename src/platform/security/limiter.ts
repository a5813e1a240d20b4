import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'

export type LimitDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number; readonly limit: number }

export type Limiter = { readonly consume: (key: string) => Promise<LimitDecision>; readonly limit: number }

export type LimiterOptions = {
  /** requests allowed per window */
  readonly points: number
  readonly windowSeconds: number
  /** counters shared by every process; without it, counted in this process */
  readonly redis?: Redis
  /** Redis key prefix, e.g. `crest:rl:ip:` */
  readonly keyPrefix: string
}

/**
 * A fixed-window counter per key. With Redis every process counts together; when Redis fails the
 * same limit is counted in this process (fail over, not open), so an outage never lifts protection.
 */
export const createLimiter = (o: LimiterOptions): Limiter => {
  const base = { points: o.points, duration: o.windowSeconds, keyPrefix: o.keyPrefix }
  const local = new RateLimiterMemory(base)
  const limiter = o.redis
    ? new RateLimiterRedis({ ...base, storeClient: o.redis, insuranceLimiter: local, rejectIfRedisNotReady: true })
    : local
  return {
    limit: o.points,
    consume: async (key) => {
      try {
        await limiter.consume(key)
        return { ok: true }
      } catch (e) {
        if (e instanceof RateLimiterRes)
          return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)), limit: o.points }
        throw e
      }
    },
  }
}
