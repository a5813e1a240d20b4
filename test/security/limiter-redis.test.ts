import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, test } from 'vitest'
import { createLimiter } from '../../src/platform/security/limiter.ts'

/** The limiter's counters in Redis: shared between processes, and still enforced when Redis is gone. */

const clients: Redis[] = []
afterAll(() => {
  for (const c of clients) c.disconnect()
})

describe.runIf(process.env.REDIS_URL)('limiter on Redis', () => {
  test('two limiters (two processes) with one prefix share one budget', async () => {
    const prefix = `crest-test:${randomBytes(6).toString('hex')}:rl:`
    const [r1, r2] = [new Redis(process.env.REDIS_URL as string), new Redis(process.env.REDIS_URL as string)]
    clients.push(r1, r2)
    await Promise.all([r1.ping(), r2.ping()])
    const a = createLimiter({ points: 4, windowSeconds: 60, keyPrefix: prefix, redis: r1 })
    const b = createLimiter({ points: 4, windowSeconds: 60, keyPrefix: prefix, redis: r2 })
    const seen = [await a.consume('k'), await b.consume('k'), await a.consume('k'), await b.consume('k'), await a.consume('k')]
    expect(seen.map((d) => d.ok)).toEqual([true, true, true, true, false])
    expect(await r1.keys(`${prefix}*`)).toHaveLength(1)
  })
})

describe('limiter with Redis unreachable', () => {
  test('falls back to counting in this process: the limit still holds', async () => {
    const dead = new Redis({
      port: 1,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    })
    clients.push(dead)
    const l = createLimiter({ points: 2, windowSeconds: 60, keyPrefix: 'crest-test:dead:', redis: dead })
    expect((await l.consume('k')).ok).toBe(true)
    expect((await l.consume('k')).ok).toBe(true)
    const refused = await l.consume('k')
    expect(refused.ok).toBe(false)
  })
})
