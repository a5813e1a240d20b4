import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { totpCode } from '../../src/modules/staff/index.ts'
import { ConfigError, loadConfig } from '../../src/platform/config/load-config.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import { engineKinds } from '../support/test-database.ts'
import { PASSWORD, type SecurityApp, startSecurityApp } from './security-app.ts'

/** Each sequence starts early in a 30 s TOTP step so "the next step's code" stays inside the drift window. */
const atFreshTotpStep = async () => {
  const left = 30_000 - (Date.now() % 30_000)
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 50))
}

const signIn = (s: SecurityApp, email: string, otp: string) =>
  s.call('POST', '/admin/auth/token', { body: { email, password: PASSWORD, otp } })

test('production refuses to start without STAFF_SECRET_KEY, and a malformed key anywhere', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError)
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/STAFF_SECRET_KEY: is required when NODE_ENV=production/)
  expect(() => loadConfig({ STAFF_SECRET_KEY: 'too-short' })).toThrow(/STAFF_SECRET_KEY: must be 32 bytes/)
  const key = randomBytes(32).toString('base64')
  expect(loadConfig({ NODE_ENV: 'production', STAFF_SECRET_KEY: key }).STAFF_SECRET_KEY).toBe(key)
  expect(loadConfig({}).STAFF_SECRET_KEY).toBeUndefined()
})

describe.each(engineKinds())('TOTP secrets at rest on %s', (engine) => {
  let s: SecurityApp
  beforeAll(async () => {
    s = await startSecurityApp(engine, { env: { STAFF_SECRET_KEY: randomBytes(32).toString('hex') } })
  }, 60_000)
  afterAll(async () => s?.close())

  const storedSecret = async (email: string) => {
    const rows = await queryRows<{ secret: string }>(
      s.db.orm,
      sql`select m.secret from staff.mfa m join staff.users u on u.id = m.user_id where u.email = ${email}`,
    )
    return rows[0]?.secret as string
  }

  test('the column holds the secret sealed, never in plaintext, and MFA sign-in still works', async () => {
    await atFreshTotpStep()
    const u = await s.userWithMfa('owner')
    const stored = await storedSecret(u.email)
    expect(stored).toMatch(/^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/)
    expect(stored).not.toContain(u.secret)
    expect(stored.toLowerCase()).not.toContain(u.secret.toLowerCase())
    const r = await signIn(s, u.email, totpCode(u.secret, new Date(Date.now() + 30_000)))
    expect(r.status).toBe(200)
    expect(r.body.mfa).toBe('verified')
    // a sealed value moved to another user's row does not open for them
    const other = await s.userWithMfa('admin')
    await s.db.orm.execute(
      sql`update staff.mfa set secret = ${stored}, last_step = null where user_id = (select id from staff.users where email = ${other.email})`,
    )
    const moved = await signIn(s, other.email, totpCode(u.secret, new Date(Date.now() + 30_000)))
    // a server-side fault (logged as STAFF_SECRET_UNREADABLE), never a session, never the secret
    expect(moved.status).toBe(500)
    expect(moved.body.token).toBeUndefined()
    expect(JSON.stringify(moved.body)).not.toContain(u.secret)
  })

  test('a secret stored in plaintext before sealing still signs in, and is sealed by that sign-in', async () => {
    await atFreshTotpStep()
    const u = await s.userWithMfa('owner')
    await s.db.orm.execute(
      sql`update staff.mfa set secret = ${u.secret}, last_step = null where user_id = (select id from staff.users where email = ${u.email})`,
    )
    expect(await storedSecret(u.email)).toBe(u.secret)
    const first = await signIn(s, u.email, totpCode(u.secret, new Date()))
    expect(first.status).toBe(200)
    const resealed = await storedSecret(u.email)
    expect(resealed.startsWith('v1:')).toBe(true)
    expect(resealed).not.toContain(u.secret)
    const second = await signIn(s, u.email, totpCode(u.secret, new Date(Date.now() + 30_000)))
    expect(second.status).toBe(200)
    expect(second.body.mfa).toBe('verified')
  })
})
