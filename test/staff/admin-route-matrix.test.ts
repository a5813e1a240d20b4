import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ADMIN_ROUTE_ACCESS,
  accessFor,
  API_KEY_PREFIX,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  STAFF_ROLES,
  type StaffRole,
} from '../../src/modules/staff/index.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import { engineKinds } from '../support/test-database.ts'
import { concretePath, type SecurityApp, startSecurityApp } from './security-app.ts'

const UNMAPPED = '/admin/test-only/unmapped'

describe.each(engineKinds())('every admin route behind the permission matrix on %s', (engine) => {
  let s: SecurityApp
  let routes: { method: string; url: string }[]
  const tokens = {} as Record<StaffRole, string>
  let enrolmentOnly: string
  let noScopeKey: string

  beforeAll(async () => {
    s = await startSecurityApp(engine, {
      // an admin route someone forgot to put in the matrix
      before: (b) => b.app.get(UNMAPPED, async () => ({ reached: true })),
    })
    routes = s.built.adminGuard
      .routes()
      .filter((r) => r.method !== 'HEAD' && r.url !== UNMAPPED)
      .map((r) => ({ method: r.method, url: r.url }))
    for (const role of STAFF_ROLES) {
      tokens[role] = role === 'owner' || role === 'admin' ? (await s.userWithMfa(role)).token : (await s.user(role)).token
    }
    enrolmentOnly = (await s.user('owner')).token
    const key = await s.call('POST', '/admin/api-keys', { token: tokens.owner, body: { name: 'reads products', scopes: ['catalog:read'] } })
    expect(key.status).toBe(201)
    noScopeKey = key.body.key
  }, 120_000)
  afterAll(async () => s?.close())

  test('the enumeration sees the admin routes of every module, and each has an entry in the matrix', () => {
    expect(routes.length).toBeGreaterThan(50)
    for (const expected of [
      'POST /admin/auth/token',
      'PUT /admin/inventory/:variant_id',
      'GET /admin/orders',
      'GET /admin/audit-log',
      // staff users and customer accounts (the admin app's people screens)
      'GET /admin/staff/users',
      'PATCH /admin/staff/users/:id',
      'POST /admin/staff/users/:id/deactivate',
      'GET /admin/customers',
      'GET /admin/customers/:id/orders',
      'POST /admin/customers/:id/data-export',
    ]) {
      expect(routes.map((r) => `${r.method} ${r.url}`)).toContain(expected)
    }
    const missing = routes.filter((r) => accessFor(r.method, r.url) === undefined).map((r) => `${r.method} ${r.url}`)
    expect(missing, 'add these to ADMIN_ROUTE_ACCESS in src/modules/staff/security/admin-route-access.ts').toEqual([])
  })

  test('every entry in the matrix names a route the guard saw (no stale entries, no admin routes registered before the guard)', () => {
    const seen = new Set(routes.map((r) => `${r.method} ${r.url}`))
    expect(Object.keys(ADMIN_ROUTE_ACCESS).filter((k) => !seen.has(k))).toEqual([])
  })

  test('the matrix only names known permissions and the owner holds all of them', () => {
    for (const role of STAFF_ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p)
    expect([...ROLE_PERMISSIONS.owner].sort()).toEqual([...PERMISSIONS].sort())
    expect(ROLE_PERMISSIONS.admin).not.toContain('staff:manage')
    expect(ROLE_PERMISSIONS.analyst.filter((p) => !p.endsWith(':read'))).toEqual([])
    // only owner and admin see or change staff users; support reads customers, fulfilment does not
    for (const role of STAFF_ROLES) {
      expect([role, ROLE_PERMISSIONS[role].includes('staff:read')]).toEqual([role, role === 'owner' || role === 'admin'])
      expect([role, ROLE_PERMISSIONS[role].includes('staff:write')]).toEqual([role, role === 'owner' || role === 'admin'])
    }
    expect(ROLE_PERMISSIONS.support).toContain('customers:read')
    expect(ROLE_PERMISSIONS.fulfilment).not.toContain('customers:read')
  })

  test('every protected route answers 401 unauthorized without a token, with a wrong one and with an expired one', async () => {
    const expired = (await s.user('fulfilment')).token
    expect((await s.call('GET', '/admin/orders', { token: expired })).status).toBe(200)
    const hashed = createHash('sha256').update(expired).digest('hex')
    const aged = await queryRows(
      s.db.orm,
      sql`update staff.sessions set expires_at = now() - interval '1 second' where token_hash = ${hashed} returning token_hash`,
    )
    expect(aged).toHaveLength(1)
    expect((await s.call('GET', '/admin/orders', { token: expired })).status).toBe(401)
    const bad = [undefined, 'cst_not-a-real-token', `${API_KEY_PREFIX}not-a-real-key`, expired]
    for (const r of routes.filter((x) => accessFor(x.method, x.url) !== 'public')) {
      for (const token of bad) {
        const res = await s.call(r.method, concretePath(r.url), {
          ...(token && { token }),
          ...(r.method !== 'GET' && r.method !== 'DELETE' && { body: {} }),
        })
        expect({ route: `${r.method} ${r.url}`, token, status: res.status, code: res.body?.error?.code }).toEqual({
          route: `${r.method} ${r.url}`,
          token,
          status: 401,
          code: 'unauthorized',
        })
        expect(res.headers['www-authenticate']).toBe('Bearer')
      }
    }
  }, 120_000)

  test('every route refuses each role without its permission (403 forbidden) and admits each role with it', async () => {
    let refused = 0
    let admitted = 0
    for (const r of routes) {
      const access = accessFor(r.method, r.url)
      if (access === 'public' || access === 'staff_self' || access === undefined || `${r.method} ${r.url}` === 'DELETE /admin/auth/token')
        continue
      for (const role of STAFF_ROLES) {
        const res = await s.call(r.method, concretePath(r.url), {
          token: tokens[role],
          ...(r.method !== 'GET' && r.method !== 'DELETE' && { body: {} }),
        })
        const allowed = ROLE_PERMISSIONS[role].includes(access)
        const seen = { route: `${r.method} ${r.url}`, role, status: res.status, code: res.body?.error?.code }
        if (allowed) {
          expect(seen.status, JSON.stringify(seen)).not.toBe(401)
          expect(seen.status, JSON.stringify(seen)).not.toBe(403)
          admitted++
        } else {
          expect(seen).toEqual({ ...seen, status: 403, code: 'forbidden' })
          expect(res.body.error.details).toEqual({ permission: access })
          refused++
        }
      }
    }
    expect(refused).toBeGreaterThan(50)
    expect(admitted).toBeGreaterThan(50)
  }, 300_000)

  test('a token limited to MFA enrolment is refused everywhere but its own MFA set-up (403 mfa_enrolment_required)', async () => {
    for (const r of routes) {
      const access = accessFor(r.method, r.url)
      if (access === 'public' || access === 'staff_self') continue
      const res = await s.call(r.method, concretePath(r.url), {
        token: enrolmentOnly,
        ...(r.method !== 'GET' && r.method !== 'DELETE' && { body: {} }),
      })
      expect({ route: `${r.method} ${r.url}`, status: res.status, code: res.body?.error?.code }).toEqual({
        route: `${r.method} ${r.url}`,
        status: 403,
        code: 'mfa_enrolment_required',
      })
    }
    expect((await s.call('GET', '/admin/auth/me', { token: enrolmentOnly })).body).toMatchObject({
      scope: 'mfa_enrolment',
      permissions: [],
    })
  }, 120_000)

  test('an API key is refused on every route outside its scopes, and on staff-only routes', async () => {
    for (const r of routes) {
      const access = accessFor(r.method, r.url)
      if (access === 'public' || access === 'catalog:read') continue
      const res = await s.call(r.method, concretePath(r.url), {
        token: noScopeKey,
        ...(r.method !== 'GET' && r.method !== 'DELETE' && { body: {} }),
      })
      expect({ route: `${r.method} ${r.url}`, status: res.status, code: res.body?.error?.code }).toEqual({
        route: `${r.method} ${r.url}`,
        status: 403,
        code: 'forbidden',
      })
    }
  }, 120_000)

  test('a route without a matrix entry is refused to everyone but the owner (fail closed)', async () => {
    expect(accessFor('GET', UNMAPPED)).toBeUndefined()
    expect((await s.call('GET', UNMAPPED, { token: tokens.owner })).status).toBe(200)
    for (const role of STAFF_ROLES.filter((x) => x !== 'owner')) {
      const res = await s.call('GET', UNMAPPED, { token: tokens[role] })
      expect(res.status).toBe(403)
      expect(res.body.error).toMatchObject({ code: 'forbidden', details: { permission: null } })
    }
    expect((await s.call('GET', UNMAPPED, { token: noScopeKey })).status).toBe(403)
    expect((await s.call('GET', UNMAPPED)).status).toBe(401)
  })
})
