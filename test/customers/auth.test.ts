import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { emailsTo, shopper, startCustomersApp, tokenFromEmail } from './customers-app.ts'

describe.each(engineKinds())('customer accounts on %s', (engine) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startCustomersApp(engine)
  })
  afterAll(async () => {
    await t?.close()
  })

  test('sign-up, verify e-mail, sign-out, sign-in', async () => {
    const s = shopper(t)
    const up = await s.signUp('  Ada@Example.TEST ', 'correct horse battery', 'Ada')
    expect(up.status).toBe(201)
    expect(up.body.customer).toMatchObject({ email: 'ada@example.test', name: 'Ada', email_verified: false })
    expect(up.body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(up.cookie).toMatch(/^crest_session=cses_[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/)
    // only the hash of the session token is stored
    const stored = await queryRows<{ token_hash: string }>(t.engines.db.orm, sql`select token_hash from customers.sessions`)
    expect(stored.map((r) => r.token_hash)).not.toContain(s.cookie)
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true)

    expect((await s.get('/store/customers/me')).body.customer.email).toBe('ada@example.test')
    const token = await tokenFromEmail(t.engines.db, 'ada@example.test', 'account_verify_email')
    const verified = await s.post('/store/customers/verify-email', { token })
    expect(verified.status).toBe(200)
    expect(verified.body.customer.email_verified).toBe(true)
    expect((await s.post('/store/customers/verify-email', { token })).body.error.code).toBe('invalid_token')

    const out = await s.post('/store/auth/logout')
    expect(out.status).toBe(204)
    expect(out.cookie).toMatch(/^crest_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/)
    const old = s.cookie
    expect(old).toBeUndefined()
    expect((await s.get('/store/customers/me')).status).toBe(401)

    const back = await s.login('ADA@example.test')
    expect(back.status).toBe(200)
    expect(back.body.customer).toMatchObject({ email: 'ada@example.test', email_verified: true })
    expect((await s.get('/store/customers/me')).status).toBe(200)
  })

  test('a signed-out session stays dead even with its old cookie', async () => {
    const s = shopper(t)
    await s.signUp('bo@example.test')
    const cookie = s.cookie as string
    await s.post('/store/auth/logout')
    const replay = await t.app.inject({ method: 'GET', url: '/store/customers/me', headers: { cookie: `crest_session=${cookie}` } })
    expect(replay.statusCode).toBe(401)
  })

  test('sign-up: taken e-mail 409, weak password 422, bad e-mail 422', async () => {
    const s = shopper(t)
    expect((await s.signUp('cy@example.test')).status).toBe(201)
    const again = await shopper(t).signUp('CY@example.test')
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('email_taken')
    const weak = await shopper(t).signUp('dee@example.test', 'short')
    expect(weak.status).toBe(422)
    expect(weak.body.error.code).toBe('weak_password')
    expect((await shopper(t).signUp('not-an-email')).status).toBe(422)
  })

  test('wrong password and unknown e-mail: the same 401 invalid_credentials', async () => {
    await shopper(t).signUp('eve@example.test')
    const wrong = await shopper(t, '198.51.100.1').login('eve@example.test', 'wrong password!')
    const unknown = await shopper(t, '198.51.100.1').login('nobody@example.test', 'wrong password!')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body).toEqual(unknown.body)
    expect(wrong.body.error.code).toBe('invalid_credentials')
    expect(wrong.cookie).toBeUndefined()
  })

  test('the verification link can be asked for again, and only works for the latest address', async () => {
    const s = shopper(t)
    await s.signUp('fay@example.test')
    expect((await s.post('/store/customers/me/verification')).status).toBe(202)
    expect((await emailsTo(t.engines.db, 'fay@example.test', 'account_verify_email')).length).toBe(2)
    const token = await tokenFromEmail(t.engines.db, 'fay@example.test', 'account_verify_email')
    expect((await s.post('/store/customers/verify-email', { token })).status).toBe(200)
    expect((await s.post('/store/customers/me/verification')).body.error.code).toBe('already_verified')
    expect((await s.post('/store/customers/verify-email', { token: 'cver_nonsense' })).status).toBe(400)
  })

  test('password reset: single use, signs out every session, expires', async () => {
    const s = shopper(t)
    await s.signUp('gus@example.test')
    const other = shopper(t)
    expect((await other.login('gus@example.test')).status).toBe(200)

    expect((await shopper(t).post('/store/auth/password-reset', { email: 'gus@example.test' })).status).toBe(202)
    expect((await shopper(t).post('/store/auth/password-reset', { email: 'nobody-here@example.test' })).status).toBe(202)
    expect((await emailsTo(t.engines.db, 'nobody-here@example.test', 'account_password_reset')).length).toBe(0)
    const token = await tokenFromEmail(t.engines.db, 'gus@example.test', 'account_password_reset')

    // a weak password leaves the link usable
    const weak = await shopper(t).post('/store/auth/password-reset/confirm', { token, password: 'short' })
    expect(weak.status).toBe(422)
    const done = await shopper(t).post('/store/auth/password-reset/confirm', { token, password: 'a brand new secret' })
    expect(done.status).toBe(200)
    expect(done.body.customer.email_verified).toBe(true)
    const reused = await shopper(t).post('/store/auth/password-reset/confirm', { token, password: 'another new secret' })
    expect(reused.status).toBe(400)
    expect(reused.body.error.code).toBe('invalid_token')

    expect((await s.get('/store/customers/me')).status).toBe(401)
    expect((await other.get('/store/customers/me')).status).toBe(401)
    expect((await shopper(t).login('gus@example.test')).status).toBe(401)
    expect((await shopper(t).login('gus@example.test', 'a brand new secret')).status).toBe(200)

    // an expired link does nothing
    await shopper(t).post('/store/auth/password-reset', { email: 'gus@example.test' })
    const late = await tokenFromEmail(t.engines.db, 'gus@example.test', 'account_password_reset')
    await t.engines.db.orm.execute(
      sql`update customers.tokens set expires_at = now() - interval '1 second' where purpose = 'reset_password' and used_at is null`,
    )
    expect((await shopper(t).post('/store/auth/password-reset/confirm', { token: late, password: 'yet another secret' })).status).toBe(400)
    expect((await shopper(t).login('gus@example.test', 'a brand new secret')).status).toBe(200)
  })

  test('reset e-mails per account are bounded', async () => {
    await shopper(t).signUp('hal@example.test')
    for (let i = 0; i < 6; i++)
      expect((await shopper(t).post('/store/auth/password-reset', { email: 'hal@example.test' })).status).toBe(202)
    expect((await emailsTo(t.engines.db, 'hal@example.test', 'account_password_reset')).length).toBe(3)
  })
})
