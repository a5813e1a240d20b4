import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { totpCode } from '../../src/modules/staff/index.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import { engineKinds } from '../support/test-database.ts'
import { PASSWORD, type SecurityApp, startSecurityApp } from './security-app.ts'

/**
 * These tests reason about TOTP time steps (30 s) on the real clock: "the current step's code was
 * used at activation, the next step's code works once". On a busy machine a sequence can cross a
 * step boundary, so each starts at the beginning of a step, with 20 s of it left at least.
 */
const atFreshTotpStep = async () => {
  const left = 30_000 - (Date.now() % 30_000)
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 50))
}

const signIn = (s: SecurityApp, email: string, otp?: string) =>
  s.call('POST', '/admin/auth/token', { body: { email, password: PASSWORD, ...(otp !== undefined && { otp }) } })

describe.each(engineKinds())('staff security on %s', (engine) => {
  let s: SecurityApp
  beforeAll(async () => {
    s = await startSecurityApp(engine)
  }, 60_000)
  afterAll(async () => s?.close())

  describe('TOTP sign-in', () => {
    test('an owner without MFA gets a token that may only enrol; activating with a code makes it whole', async () => {
      const u = await s.user('owner')
      expect(u.mfa).toBe('enrolment_required')
      expect((await s.call('GET', '/admin/orders', { token: u.token })).body.error.code).toBe('mfa_enrolment_required')
      const enrol = await s.call('POST', '/admin/auth/mfa/enrol', { token: u.token })
      expect(enrol.status).toBe(200)
      expect(enrol.body.secret).toMatch(/^[A-Z2-7]{32}$/)
      expect(enrol.body.otpauth_url).toMatch(/^otpauth:\/\/totp\/.+secret=/)
      expect(enrol.body.qr_svg).toContain('<svg')
      expect(enrol.body.qr_data_url).toMatch(/^data:image\/png;base64,/)
      const wrong = await s.call('POST', '/admin/auth/mfa/activate', {
        token: u.token,
        body: { code: '000000' === totpCode(enrol.body.secret, new Date()) ? '111111' : '000000' },
      })
      expect(wrong.status).toBe(401)
      expect(wrong.body.error.code).toBe('invalid_otp')
      const act = await s.call('POST', '/admin/auth/mfa/activate', {
        token: u.token,
        body: { code: totpCode(enrol.body.secret, new Date()) },
      })
      expect(act.status).toBe(200)
      expect(act.body.recovery_codes).toHaveLength(10)
      expect(new Set(act.body.recovery_codes).size).toBe(10)
      expect((await s.call('GET', '/admin/orders', { token: u.token })).status).toBe(200)
      expect((await s.call('GET', '/admin/auth/mfa', { token: u.token })).body).toEqual({ active: true, recovery_codes_left: 10 })
      const again = await s.call('POST', '/admin/auth/mfa/enrol', { token: u.token })
      expect(again.status).toBe(409)
      expect(again.body.error.code).toBe('mfa_already_active')
      // only hashes are stored
      const stored = await queryRows<{ code_hash: string }>(s.db.orm, sql`select code_hash from staff.recovery_codes`)
      for (const c of act.body.recovery_codes) expect(stored.some((r) => r.code_hash.includes(c.replace('-', '')))).toBe(false)
      expect(stored.every((r) => r.code_hash.startsWith('$argon2id$'))).toBe(true)
    })

    test('an enrolled owner cannot sign in without a valid, unused TOTP code', async () => {
      await atFreshTotpStep()
      const u = await s.userWithMfa('owner')
      const none = await signIn(s, u.email)
      expect([none.status, none.body.error.code]).toEqual([401, 'mfa_required'])
      expect(none.body).not.toHaveProperty('token')
      const wrong = await signIn(s, u.email, '123456' === totpCode(u.secret, new Date()) ? '654321' : '123456')
      expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_otp'])
      const badPassword = await s.call('POST', '/admin/auth/token', {
        body: { email: u.email, password: 'wrong password!', otp: totpCode(u.secret, new Date()) },
      })
      expect([badPassword.status, badPassword.body.error.code]).toEqual([401, 'invalid_credentials'])
      // the activation used the current step; the next step's code (within the drift window) works once
      const replayed = await signIn(s, u.email, totpCode(u.secret, new Date()))
      expect([replayed.status, replayed.body.error.code]).toEqual([401, 'invalid_otp'])
      const next = totpCode(u.secret, new Date(Date.now() + 30_000))
      const ok = await signIn(s, u.email, next)
      expect(ok.status).toBe(200)
      expect(ok.body.mfa).toBe('verified')
      expect((await s.call('GET', '/admin/orders', { token: ok.body.token })).status).toBe(200)
      expect((await signIn(s, u.email, next)).body.error.code).toBe('invalid_otp')
    })

    test('five wrong codes in a row lock the second factor: 429 too_many_attempts, even for a right code', async () => {
      await atFreshTotpStep()
      const u = await s.userWithMfa('owner')
      const right = totpCode(u.secret, new Date(Date.now() + 30_000))
      const wrong = right === '000000' ? '111111' : '000000'
      for (let i = 0; i < 5; i++) expect((await signIn(s, u.email, wrong)).body.error.code).toBe('invalid_otp')
      const locked = await signIn(s, u.email, right)
      expect([locked.status, locked.body.error.code]).toEqual([429, 'too_many_attempts'])
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800)
      expect((await signIn(s, u.email, u.recoveryCodes[0])).status).toBe(429)
      await s.db.orm.execute(sql`update staff.mfa set locked_until = now() - interval '1 second' where locked_until is not null`)
      expect((await signIn(s, u.email, right)).status).toBe(200)
    })

    test('a recovery code signs in exactly once', async () => {
      const u = await s.userWithMfa('admin')
      const [first, second] = u.recoveryCodes as [string, string]
      const once = await signIn(s, u.email, first.toUpperCase())
      expect(once.status).toBe(200)
      expect(once.body.mfa).toBe('verified')
      const twice = await signIn(s, u.email, first)
      expect([twice.status, twice.body.error.code]).toEqual([401, 'invalid_otp'])
      expect((await signIn(s, u.email, second)).status).toBe(200)
      expect((await s.call('GET', '/admin/auth/mfa', { token: once.body.token })).body.recovery_codes_left).toBe(8)
      // two sign-ins racing with one code: exactly one wins
      const third = u.recoveryCodes[2] as string
      const raced = await Promise.all([signIn(s, u.email, third), signIn(s, u.email, third)])
      expect(raced.map((r) => r.status).sort()).toEqual([200, 401])
    })

    test('new recovery codes replace the old ones', async () => {
      const u = await s.userWithMfa('owner')
      const r = await s.call('POST', '/admin/auth/mfa/recovery-codes', {
        token: u.token,
        body: { code: totpCode(u.secret, new Date(Date.now() + 30_000)) },
      })
      expect(r.status).toBe(200)
      expect((await signIn(s, u.email, u.recoveryCodes[0])).status).toBe(401)
      expect((await signIn(s, u.email, r.body.recovery_codes[0])).status).toBe(200)
    })

    test('roles outside owner and admin sign in with a password alone until they enrol', async () => {
      const u = await s.user('support')
      expect(u.mfa).toBe('not_enrolled')
      expect((await s.call('GET', '/admin/orders', { token: u.token })).status).toBe(200)
    })
    test('an operator reset (crest user reset-mfa) removes the authenticator and ends the sessions, on the record', async () => {
      const u = await s.userWithMfa('owner')
      const r = await s.built.modules.staff.mfa.reset({ email: u.email.toUpperCase(), by: 'cli:ops' })
      expect(r.ok).toBe(true)
      expect((await s.call('GET', '/admin/orders', { token: u.token })).status).toBe(401)
      const again = await signIn(s, u.email)
      expect([again.status, again.body.mfa]).toEqual([200, 'enrolment_required'])
      const other = await s.userWithMfa('owner')
      const log = await s.call('GET', '/admin/audit-log?action=cli%20user%20reset-mfa', { token: other.token })
      expect(log.body.entries[0]).toMatchObject({
        actor: { kind: 'operator', label: 'cli:ops' },
        request: { email: u.email },
        response: { authenticator_removed: true },
      })
      const missing = await s.built.modules.staff.mfa.reset({ email: 'nobody@example.test', by: 'cli:ops' })
      expect(missing.ok ? null : missing.error.code).toBe('STAFF_USER_NOT_FOUND')
    })
  })

  describe('API keys', () => {
    test('a key works within its scopes only, records its last use, and stops working when revoked', async () => {
      const owner = await s.userWithMfa('owner')
      const created = await s.call('POST', '/admin/api-keys', {
        token: owner.token,
        body: { name: 'warehouse sync', scopes: ['orders:read', 'inventory:read'] },
      })
      expect(created.status).toBe(201)
      const key: string = created.body.key
      expect(key).toMatch(/^crest_key_[A-Za-z0-9_-]{43}$/)
      expect(created.body).toMatchObject({
        name: 'warehouse sync',
        scopes: ['orders:read', 'inventory:read'],
        last_used_at: null,
        revoked_at: null,
      })
      const stored = await queryRows<{ key_hash: string }>(s.db.orm, sql`select key_hash from staff.api_keys where id = ${created.body.id}`)
      expect(stored[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/)
      expect(JSON.stringify(stored)).not.toContain(key)

      expect((await s.call('GET', '/admin/orders', { token: key })).status).toBe(200)
      expect((await s.call('GET', '/admin/inventory/var_unknown', { token: key })).status).not.toBe(403)
      const write = await s.call('PUT', '/admin/inventory/var_unknown', { token: key, body: { on_hand: 5 } })
      expect([write.status, write.body.error.code, write.body.error.details]).toEqual([403, 'forbidden', { permission: 'inventory:write' }])
      expect((await s.call('GET', '/admin/products', { token: key })).status).toBe(403)
      expect((await s.call('POST', '/admin/api-keys', { token: key, body: { name: 'x', scopes: ['orders:read'] } })).status).toBe(403)
      expect((await s.call('GET', '/admin/auth/me', { token: key })).status).toBe(403)

      const listed = await s.call('GET', '/admin/api-keys', { token: owner.token })
      const mine = listed.body.api_keys.find((k: { id: string }) => k.id === created.body.id)
      expect(mine.last_used_at).not.toBeNull()
      expect(mine.hint).toBe(key.slice(0, 14))
      expect(JSON.stringify(listed.body)).not.toContain(key)

      const revoked = await s.call('DELETE', `/admin/api-keys/${created.body.id}`, { token: owner.token })
      expect(revoked.status).toBe(200)
      expect(revoked.body.revoked_at).not.toBeNull()
      const after = await s.call('GET', '/admin/orders', { token: key })
      expect([after.status, after.body.error.code]).toEqual([401, 'unauthorized'])
      expect((await s.call('DELETE', '/admin/api-keys/key_unknown', { token: owner.token })).status).toBe(404)
    })

    test('keys get only known scopes, and only the owner (staff:manage) makes them', async () => {
      const owner = await s.userWithMfa('owner')
      const unknown = await s.call('POST', '/admin/api-keys', {
        token: owner.token,
        body: { name: 'x', scopes: ['orders:read', 'everything'] },
      })
      expect([unknown.status, unknown.body.error.code, unknown.body.error.details]).toEqual([
        422,
        'unknown_scope',
        { scopes: ['everything'] },
      ])
      const empty = await s.call('POST', '/admin/api-keys', { token: owner.token, body: { name: 'x', scopes: [] } })
      expect([empty.status, empty.body.error.code]).toEqual([422, 'invalid_request'])
      const admin = await s.userWithMfa('admin')
      const byAdmin = await s.call('POST', '/admin/api-keys', { token: admin.token, body: { name: 'x', scopes: ['orders:read'] } })
      expect([byAdmin.status, byAdmin.body.error.details]).toEqual([403, { permission: 'staff:manage' }])
    })
  })

  describe('audit log', () => {
    test('changes by staff and API keys are recorded with who, what, when and from where, and are searchable', async () => {
      const owner = await s.userWithMfa('owner')
      const started = new Date(Date.now() - 1000).toISOString()
      const created = await s.call('POST', '/admin/api-keys', {
        token: owner.token,
        body: { name: 'audited key', scopes: ['settings:manage', 'settings:read'] },
        headers: { 'x-forwarded-for': '203.0.113.9' },
      })
      expect(created.status).toBe(201)
      const key: string = created.body.key
      const put = await s.call('PUT', '/admin/waiting-room', { token: key, body: {} })
      const denied = await s.call('PUT', '/admin/inventory/var_x', { token: key, body: { on_hand: 1 } })
      expect(denied.status).toBe(403)
      await s.call('GET', '/admin/waiting-room', { token: key }) // reads are not audited

      const byOwner = await s.call(
        'GET',
        `/admin/audit-log?actor=${encodeURIComponent(owner.email)}&action=${encodeURIComponent('POST /admin/api-keys')}&from=${started}`,
        { token: owner.token },
      )
      expect(byOwner.status).toBe(200)
      expect(byOwner.body.entries).toHaveLength(1)
      const entry = byOwner.body.entries[0]
      expect(entry).toMatchObject({
        actor: { kind: 'staff', label: owner.email },
        action: 'POST /admin/api-keys',
        method: 'POST',
        path: '/admin/api-keys',
        status: 201,
        user_agent: 'crest-security-test',
        request: { body: { name: 'audited key', scopes: ['settings:manage', 'settings:read'] } },
        response: { body: { id: created.body.id, name: 'audited key', key: '[redacted]' } },
      })
      expect(entry.ip).toBeTruthy()
      expect(JSON.stringify(byOwner.body)).not.toContain(key)
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(Date.parse(started))

      const byKey = await s.call('GET', `/admin/audit-log?actor=${created.body.id}`, { token: owner.token })
      expect(byKey.body.entries.map((e: { action: string; status: number }) => [e.action, e.status])).toEqual([
        ['PUT /admin/inventory/:variant_id', 403],
        ['PUT /admin/waiting-room', put.status],
      ])
      expect(byKey.body.entries[0].actor).toEqual({ kind: 'api_key', id: created.body.id, label: 'audited key' })

      const future = await s.call('GET', `/admin/audit-log?actor=${created.body.id}&from=${new Date(Date.now() + 60_000).toISOString()}`, {
        token: owner.token,
      })
      expect(future.body.entries).toEqual([])
      const page = await s.call('GET', `/admin/audit-log?actor=${created.body.id}&limit=1`, { token: owner.token })
      expect(page.body.entries).toHaveLength(1)
      const rest = await s.call('GET', `/admin/audit-log?actor=${created.body.id}&limit=1&cursor=${page.body.next_cursor}`, {
        token: owner.token,
      })
      expect(rest.body.entries[0].action).toBe('PUT /admin/waiting-room')
      const bad = await s.call('GET', '/admin/audit-log?from=yesterday', { token: owner.token })
      expect(bad.status).toBe(400)
    })

    test('sign-in attempts are recorded without the password or code', async () => {
      const u = await s.userWithMfa('owner')
      await signIn(s, u.email, '999999' === totpCode(u.secret, new Date()) ? '888888' : '999999')
      const r = await s.call(
        'GET',
        `/admin/audit-log?actor=${encodeURIComponent(u.email)}&action=${encodeURIComponent('POST /admin/auth/token')}`,
        { token: u.token },
      )
      const statuses = r.body.entries.map((e: { status: number }) => e.status)
      expect(statuses).toContain(401)
      expect(statuses).toContain(200)
      expect(JSON.stringify(r.body)).not.toContain(PASSWORD)
      expect(r.body.entries[0].request.body).toMatchObject({ email: u.email, password: '[redacted]', otp: '[redacted]' })
    })

    test('the log is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
      const [before] = await queryRows<{ n: number }>(s.db.orm, sql`select count(*)::int as n from staff.audit_log`)
      expect(before?.n).toBeGreaterThan(0)
      await expect(s.db.orm.execute(sql`update staff.audit_log set status = 200`)).rejects.toThrow()
      await expect(s.db.orm.execute(sql`delete from staff.audit_log`)).rejects.toThrow()
      await expect(s.db.orm.execute(sql`truncate staff.audit_log`)).rejects.toThrow()
      const [after] = await queryRows<{ n: number }>(s.db.orm, sql`select count(*)::int as n from staff.audit_log`)
      expect(after?.n).toBe(before?.n)
    })

    test('analysts and support cannot read the audit log', async () => {
      for (const role of ['analyst', 'support', 'fulfilment'] as const) {
        const u = await s.user(role)
        expect((await s.call('GET', '/admin/audit-log', { token: u.token })).status).toBe(403)
      }
    })
  })
})
