import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { emailsTo, shopper, sleep, startCustomersApp } from './customers-app.ts'

/** With REDIS_URL the throttle lives in Redis (shared by processes); without, in the process. */
const setups = [
  ...engineKinds().map((engine) => ({ engine, redis: false })),
  ...(process.env.REDIS_URL ? [{ engine: engineKinds().at(-1) ?? 'pglite', redis: true }] : []),
]

describe.each(setups)('sign-in throttling on $engine (redis: $redis)', ({ engine, redis }) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startCustomersApp(engine, { redis })
  })
  afterAll(async () => {
    await t?.close()
  })

  test('per account: 5 free failures, then 429 too_many_attempts with a growing Retry-After; the owner is told once', async () => {
    await shopper(t).signUp('ivy@example.test')
    // a different address for every try: only the account's count matters here
    const attempt = (n: number, password = 'wrong password!') => shopper(t, `192.0.2.${n}`).login('ivy@example.test', password)
    for (let i = 1; i <= 6; i++) expect((await attempt(i)).status).toBe(401)
    const waits: number[] = []
    for (let round = 0; round < 3; round++) {
      const locked = await attempt(10 + round, 'correct horse battery') // even the right password waits
      expect(locked.status).toBe(429)
      expect(locked.body.error.code).toBe('too_many_attempts')
      const wait = Number(locked.headers['retry-after'])
      waits.push(wait)
      if (round === 2) break
      await sleep(wait * 1000 + 100)
      expect((await attempt(20 + round)).status).toBe(401) // one more failure: a longer lock
    }
    expect(waits).toEqual([1, 2, 4])
    expect((await emailsTo(t.engines.db, 'ivy@example.test', 'account_locked')).length).toBe(1)
  })

  test('per client address: many accounts from one address get 429; another address is unaffected', async () => {
    const ip = '198.51.100.99'
    for (let i = 0; i < 21; i++) expect((await shopper(t, ip).login(`guess${i}@example.test`, 'wrong password!')).status).toBe(401)
    const locked = await shopper(t, ip).login('guess-more@example.test', 'wrong password!')
    expect(locked.status).toBe(429)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect((await shopper(t, '198.51.100.100').login('guess-more@example.test', 'wrong password!')).status).toBe(401)
  })

  test('a successful sign-in clears the account count', async () => {
    await shopper(t).signUp('jo@example.test')
    for (let i = 0; i < 4; i++) await shopper(t, `192.0.2.${100 + i}`).login('jo@example.test', 'wrong password!')
    expect((await shopper(t, '192.0.2.110').login('jo@example.test')).status).toBe(200)
    for (let i = 0; i < 5; i++)
      expect((await shopper(t, `192.0.2.${120 + i}`).login('jo@example.test', 'wrong password!')).status).toBe(401)
    expect((await shopper(t, '192.0.2.130').login('jo@example.test')).status).toBe(200)
  })
})
