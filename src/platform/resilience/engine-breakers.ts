import type { Redis } from 'ioredis'
import { createDatabaseProbe } from '../db/database-probe.ts'
import { isDatabaseDown } from '../db/database-down.ts'
import type { Logger } from '../logging/create-logger.ts'
import { createDependencyBreaker, type DependencyBreaker, type DependencyState } from './dependency-breaker.ts'

/** an engine's breaker moving is worth an operator's attention: down is an error, the rest a warning */
const logChange = (logger: Logger) => (name: string, state: DependencyState) =>
  state === 'down' ? logger.error({ engine: name }, 'engine down: degraded mode') : logger.warn({ engine: name, state }, 'engine breaker')

/**
 * The primary PostgreSQL's breaker: opens on the first connection-level failure a request sees
 * (refused, terminated, shutting down) or a failed probe; probed every second on a connection
 * of its own; half-open after two seconds.
 */
export const createDatabaseBreaker = (url: string, logger: Logger): DependencyBreaker => {
  const probe = createDatabaseProbe(url)
  const b = createDependencyBreaker({
    name: 'database',
    probe: probe.ping,
    isOutage: isDatabaseDown,
    failuresToOpen: 1,
    halfOpenAfterMs: 2000,
    probeIntervalMs: 1000,
    onChange: logChange(logger),
  })
  return {
    ...b,
    stop: () => {
      b.stop()
      void probe.close()
    },
  }
}

const redisBreakers = new WeakMap<Redis, DependencyBreaker>()

/**
 * Redis's breaker, one per connection and process: unavailable while the client is not connected
 * (so nothing waits on its offline queue) or after three failures in a row (pings, or calls its
 * users report). Its moves are logged through the logger of the first caller that gives one.
 */
export const redisBreaker = (redis: Redis, logger?: Logger): DependencyBreaker => {
  const known = redisBreakers.get(redis)
  if (known) return known
  const b = createDependencyBreaker({
    name: 'redis',
    probe: async () => {
      await redis.ping()
    },
    isOutage: () => true,
    failuresToOpen: 3,
    halfOpenAfterMs: 1000,
    probeIntervalMs: 1000,
    ...(logger && { onChange: logChange(logger) }),
  })
  const breaker: DependencyBreaker = { ...b, available: () => redis.status === 'ready' && b.available() }
  redisBreakers.set(redis, breaker)
  return breaker
}
