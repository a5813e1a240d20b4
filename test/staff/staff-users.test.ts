import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { StaffRole } from '../../src/modules/staff/index.ts'
import { engineKinds } from '../support/test-database.ts'
import { PASSWORD, type SecurityApp, startSecurityApp } from './security-app.ts'

/** Managing staff users over the admin API (docs/staff-security.md, "Staff users"). */
describe.each(engineKinds())('staff users on %s', (engine) => {
  let s: SecurityApp
  const tokens = {} as Record<StaffRole, string>
  let ownerId: string
  let ownerEmail: string

  const signIn = (email: string, password = PASSWORD) => s.call('POST', '/admin/auth/token', { body: { email, password } })
  const create = (token: string, body: Record<string, unknown>) => s.call('POST', '/admin/staff/users', { token, body })
  const userByEmail = async (email: string) =>
    (
      (await s.call('GET', '/admin/staff/users', { token: tokens.owner })).body.users as {
        id: string
        email: string
        role: string
        active: boolean
      }[]
    ).find((u) => u.email === email)

  beforeAll(async () => {
    s = await startSecurityApp(engine)
    const owner = await s.userWithMfa('owner')
    tokens.owner = owner.token
    ownerEmail = owner.email
    tokens.admin = (await s.userWithMfa('admin')).token
    for (const role of ['support', 'analyst', 'fulfilment'] as const) tokens[role] = (await s.user(role)).token
    ownerId = (await userByEmail(owner.email))?.id as string
  }, 120_000)
  afterAll(async () => s?.close())

  test('the list shows every user with role, MFA status and whether they may sign in; owner and admin see it, others get 403', async () => {
    const r = await s.call('GET', '/admin/staff/users', { token: tokens.admin })
    expect(r.status).toBe(200)
    const owner = r.body.users.find((u: { id: string }) => u.id === ownerId)
    expect(owner).toMatchObject({ email: ownerEmail, role: 'owner', active: true, mfa_active: true })
    expect(r.body.users.find((u: { role: string }) => u.role === 'support')).toMatchObject({ mfa_active: false, active: true })
    expect(JSON.stringify(r.body)).not.toContain('argon2')
    for (const role of ['support', 'analyst', 'fulfilment'] as const) {
      const denied = await s.call('GET', '/admin/staff/users', { token: tokens[role] })
      expect([role, denied.status, denied.body.error.details]).toEqual([role, 403, { permission: 'staff:read' }])
    }
  })

  test('the owner creates a user who can then sign in; bad input is 422, a taken e-mail 409, a weak password 422', async () => {
    const r = await create(tokens.owner, { email: 'New.Support@Example.test', name: 'Sam', role: 'support', password: PASSWORD })
    expect(r.status).toBe(201)
    expect(r.body.user).toMatchObject({ email: 'new.support@example.test', name: 'Sam', role: 'support', active: true, mfa_active: false })
    expect((await signIn('new.support@example.test')).status).toBe(200)
    const taken = await create(tokens.owner, { email: 'new.support@example.test', role: 'analyst', password: PASSWORD })
    expect([taken.status, taken.body.error.code]).toEqual([409, 'email_taken'])
    const weak = await create(tokens.owner, { email: 'weak@example.test', role: 'analyst', password: 'short' })
    expect([weak.status, weak.body.error.code]).toEqual([422, 'weak_password'])
    for (const body of [
      {},
      { email: 'not-an-email', role: 'support', password: PASSWORD },
      { email: 'x@example.test', role: 'janitor', password: PASSWORD },
    ]) {
      const bad = await create(tokens.owner, body)
      expect([bad.status, bad.body.error.code]).toEqual([422, 'invalid_request'])
    }
  })

  test('an admin manages roles up to admin, never an owner: 403 role_not_held; other roles get 403 forbidden', async () => {
    const made = await create(tokens.admin, { email: 'second-admin@example.test', role: 'admin', password: PASSWORD })
    expect(made.status).toBe(201)
    const owner = await create(tokens.admin, { email: 'sneaky-owner@example.test', role: 'owner', password: PASSWORD })
    expect([owner.status, owner.body.error.code]).toEqual([403, 'role_not_held'])
    const promote = await s.call('PATCH', `/admin/staff/users/${made.body.user.id}`, { token: tokens.admin, body: { role: 'owner' } })
    expect([promote.status, promote.body.error.code]).toEqual([403, 'role_not_held'])
    const touchOwner = await s.call('POST', `/admin/staff/users/${ownerId}/deactivate`, { token: tokens.admin, body: {} })
    expect([touchOwner.status, touchOwner.body.error.code]).toEqual([403, 'role_not_held'])
    const bySupport = await create(tokens.support, { email: 'x@example.test', role: 'support', password: PASSWORD })
    expect([bySupport.status, bySupport.body.error.code, bySupport.body.error.details]).toEqual([
      403,
      'forbidden',
      { permission: 'staff:write' },
    ])
    // an API key is refused even with the scope
    const key = await s.call('POST', '/admin/api-keys', {
      token: tokens.owner,
      body: { name: 'hr sync', scopes: ['staff:read', 'staff:write'] },
    })
    expect(key.status).toBe(201)
    const byKey = await create(key.body.key, { email: 'bot@example.test', role: 'support', password: PASSWORD })
    expect([byKey.status, byKey.body.error.code]).toEqual([403, 'forbidden'])
  })

  test('a role change takes effect on the next request and is audited with the state before', async () => {
    const made = await create(tokens.owner, { email: 'analyst-to-support@example.test', role: 'analyst', password: PASSWORD })
    const session = (await signIn('analyst-to-support@example.test')).body.token
    expect((await s.call('GET', '/admin/customers', { token: session })).status).toBe(200)
    expect((await s.call('GET', '/admin/reports/summary', { token: session })).status).toBe(200)
    const r = await s.call('PATCH', `/admin/staff/users/${made.body.user.id}`, {
      token: tokens.owner,
      body: { role: 'fulfilment', name: 'Fran' },
    })
    expect(r.status).toBe(200)
    expect(r.body.user).toMatchObject({ role: 'fulfilment', name: 'Fran' })
    expect((await s.call('GET', '/admin/reports/summary', { token: session })).status).toBe(403)
    const empty = await s.call('PATCH', `/admin/staff/users/${made.body.user.id}`, { token: tokens.owner, body: {} })
    expect([empty.status, empty.body.error.code]).toEqual([422, 'invalid_request'])
    const missing = await s.call('PATCH', '/admin/staff/users/usr_nobody', { token: tokens.owner, body: { role: 'support' } })
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found'])
    const audit = await s.call('GET', `/admin/audit-log?action=${encodeURIComponent('PATCH /admin/staff/users/:id')}`, {
      token: tokens.owner,
    })
    const entry = audit.body.entries.find((e: { status: number; path: string }) => e.status === 200 && e.path.endsWith(made.body.user.id))
    expect(entry.response.before).toMatchObject({ role: 'analyst' })
    expect(entry.response.body.user).toMatchObject({ role: 'fulfilment' })
  })

  test('deactivation signs the user out and refuses their password; reactivation lets them back in', async () => {
    const made = await create(tokens.owner, { email: 'leaver@example.test', role: 'support', password: PASSWORD })
    const session = (await signIn('leaver@example.test')).body.token
    const r = await s.call('POST', `/admin/staff/users/${made.body.user.id}/deactivate`, { token: tokens.owner, body: {} })
    expect([r.status, r.body.user.active]).toEqual([200, false])
    expect((await s.call('GET', '/admin/customers', { token: session })).status).toBe(401)
    const refused = await signIn('leaver@example.test')
    expect([refused.status, refused.body.error.code]).toEqual([401, 'invalid_credentials'])
    expect((await userByEmail('leaver@example.test'))?.active).toBe(false)
    const back = await s.call('POST', `/admin/staff/users/${made.body.user.id}/reactivate`, { token: tokens.owner, body: {} })
    expect([back.status, back.body.user.active]).toEqual([200, true])
    expect((await signIn('leaver@example.test')).status).toBe(200)
    const missing = await s.call('POST', '/admin/staff/users/usr_nobody/deactivate', { token: tokens.owner, body: {} })
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found'])
  })

  test('the last active owner can be neither demoted nor deactivated (409 last_owner), even by two owners at once', async () => {
    const demote = await s.call('PATCH', `/admin/staff/users/${ownerId}`, { token: tokens.owner, body: { role: 'admin' } })
    expect([demote.status, demote.body.error.code]).toEqual([409, 'last_owner'])
    const off = await s.call('POST', `/admin/staff/users/${ownerId}/deactivate`, { token: tokens.owner, body: {} })
    expect([off.status, off.body.error.code]).toEqual([409, 'last_owner'])
    // two owners demote each other at the same moment, three times over: exactly one wins each time
    let survivor = { id: ownerId, token: tokens.owner }
    for (let round = 0; round < 3; round++) {
      const other = await s.userWithMfa('owner')
      const otherId = (await userByEmail(other.email))?.id as string
      const [a, b] = await Promise.all([
        s.call('PATCH', `/admin/staff/users/${otherId}`, { token: survivor.token, body: { role: 'admin' } }),
        s.call('PATCH', `/admin/staff/users/${survivor.id}`, { token: other.token, body: { role: 'admin' } }),
      ])
      // the loser is refused: 409 last_owner, or 403 when the guard already saw its sender demoted
      expect([a.status, b.status].filter((x) => x === 200)).toHaveLength(1)
      expect([a.status, b.status].filter((x) => x !== 200)).toEqual([expect.toBeOneOf([409, 403])])
      const owners = (
        (await s.call('GET', '/admin/staff/users', { token: tokens.admin })).body.users as { id: string; role: string; active: boolean }[]
      ).filter((u) => u.role === 'owner' && u.active)
      expect(owners).toHaveLength(1)
      survivor = a.status === 200 ? survivor : { id: otherId, token: other.token }
      expect(owners[0]?.id).toBe(survivor.id)
    }
  })
})
