import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, test } from 'vitest'
import { type LoginThrottle, localThrottle, redisThrottle } from '../../src/modules/customers/index.ts'

const rule = { free: 2, baseMs: 300, maxMs: 1200, windowMs: 60_000 }
const clients: Redis[] = []
afterAll(() => {
  for (const c of clients) c.disconnect()
})

/** Two processes' view of the throttle: with Redis two clients on one prefix; in-process, one throttle seen twice. */
const pairs: { name: string; make: () => [LoginThrottle, LoginThrottle] }[] = [
  {
    name: 'in-process',
    make: () => {
      const one = localThrottle()
      return [one, one]
    },
  },
  ...(process.env.REDIS_URL
    ? [
        {
          name: 'redis',
          make: (): [LoginThrottle, LoginThrottle] => {
            const prefix = `crest-test:${randomBytes(6).toString('hex')}:`
            const a = new Redis(process.env.REDIS_URL as string)
            const b = new Redis(process.env.REDIS_URL as string)
            clients.push(a, b)
            return [redisThrottle(a, prefix), redisThrottle(b, prefix)]
          },
        },
      ]
    : []),
]

describe.each(pairs)('$name throttle', ({ make }) => {
  test('failures counted by one process lock the key for the other, growing to the cap', async () => {
    const [a, b] = make()
    const fail = async (t: LoginThrottle) => (await t.recordFailure([{ key: 'acct:x', rule }]))[0]
    expect(await fail(a)).toEqual({ failures: 1, lockMs: 0 })
    expect(await fail(b)).toEqual({ failures: 2, lockMs: 0 })
    expect(await fail(a)).toEqual({ failures: 3, lockMs: 300 })
    const seen = await b.lockedForMs(['acct:x', 'ip:1'])
    expect(seen).toBeGreaterThan(200)
    expect(seen).toBeLessThanOrEqual(300)
    expect((await fail(b))?.lockMs).toBe(600)
    expect((await fail(a))?.lockMs).toBe(1200)
    expect((await fail(a))?.lockMs).toBe(1200)
    await b.clear('acct:x')
    expect(await a.lockedForMs(['acct:x'])).toBe(0)
    expect(await fail(a)).toEqual({ failures: 1, lockMs: 0 })
  })

  test('a lock ends by itself', async () => {
    const [a, b] = make()
    for (let i = 0; i < 3; i++) await a.recordFailure([{ key: 'ip:9', rule }])
    expect(await b.lockedForMs(['ip:9'])).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 350))
    expect(await b.lockedForMs(['ip:9'])).toBe(0)
  })
})
