import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'

/** Guessing staff passwords: past RATE_LIMIT_SIGN_IN_PER_MINUTE attempts from one address, 429 with Retry-After. */

const PASSWORD = 'correct horse battery staple'

const signIn = (t: TestApp, email: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/admin/auth/token', remoteAddress: ip, payload: { email, password } })

describe.each(engineKinds())('brute-force staff sign-in on %s', (engine) => {
  let t: TestApp
  const email = `owner-${randomBytes(4).toString('hex')}@example.test`
  beforeAll(async () => {
    t = await startTestApp({ engine, listen: false, env: { RATE_LIMIT_ALLOW: '', RATE_LIMIT_SIGN_IN_PER_MINUTE: '10' } })
    const created = await t.modules.staff.createUser({ email, password: PASSWORD, role: 'owner' })
    expect(created.ok).toBe(true)
  })
  afterAll(() => t?.close())

  test('wrong passwords until 429 with Retry-After; then even the right one waits', async () => {
    const ip = '203.0.113.50'
    const codes: number[] = []
    for (let i = 0; i < 10; i++) codes.push((await signIn(t, email, `guess-${i}`, ip)).statusCode)
    expect(codes.every((c) => c === 401)).toBe(true)
    const limited = await signIn(t, email, 'guess-10', ip)
    expect(limited.statusCode).toBe(429)
    const retryAfter = Number(limited.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(limited.json().error).toMatchObject({ code: 'too_many_requests', details: { scope: 'sign_in', limit: 10 } })
    expect((await signIn(t, email, PASSWORD, ip)).statusCode).toBe(429)
    // another address is not locked out by this one
    expect((await signIn(t, email, PASSWORD, '203.0.113.51')).statusCode).toBe(200)
  })
})

describe.runIf(process.env.REDIS_URL)('brute-force over two processes sharing Redis', () => {
  let a: TestApp
  let b: TestApp
  const email = `owner-${randomBytes(4).toString('hex')}@example.test`
  beforeAll(async () => {
    const env = { RATE_LIMIT_ALLOW: '', RATE_LIMIT_SIGN_IN_PER_MINUTE: '6', REDIS_PREFIX: `crest-test:${randomBytes(6).toString('hex')}:` }
    a = await startTestApp({ listen: false, redis: true, env })
    b = await startTestApp({ listen: false, redis: true, env })
    expect((await a.modules.staff.createUser({ email, password: PASSWORD, role: 'owner' })).ok).toBe(true)
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  test('attempts on either count against one budget', async () => {
    const ip = '203.0.113.60'
    for (let i = 0; i < 3; i++) expect((await signIn(a, email, `guess-${i}`, ip)).statusCode).toBe(401)
    for (let i = 3; i < 6; i++) expect((await signIn(b, email, `guess-${i}`, ip)).statusCode).toBe(401)
    const onA = await signIn(a, email, 'guess-6', ip)
    expect(onA.statusCode).toBe(429)
    expect(Number(onA.headers['retry-after'])).toBeGreaterThan(0)
    expect((await signIn(b, email, 'guess-7', ip)).statusCode).toBe(429)
  })
})
