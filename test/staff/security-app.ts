import { randomBytes } from 'node:crypto'
import { type BuiltApp, buildApp } from '../../src/app.ts'
import { openCache } from '../../src/platform/cache/open-cache.ts'
import { loadConfig } from '../../src/platform/config/load-config.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { createLogger } from '../../src/platform/logging/create-logger.ts'
import { type StaffRole, totpCode } from '../../src/modules/staff/index.ts'
import { createTestDatabase, type EngineKind } from '../support/test-database.ts'

export const PASSWORD = 'correct horse battery'

export type SecurityApp = {
  readonly built: BuiltApp
  readonly db: Database
  readonly call: (
    method: string,
    url: string,
    o?: { token?: string; body?: unknown; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field in the tests
  ) => Promise<{ status: number; body: any; headers: Record<string, unknown> }>
  /** a staff user of the role, signed in as far as the role allows without MFA */
  readonly user: (role: StaffRole) => Promise<{ email: string; token: string; mfa: string }>
  /** a staff user with an active authenticator and a verified session */
  readonly userWithMfa: (role: StaffRole) => Promise<{ email: string; token: string; secret: string; recoveryCodes: string[] }>
  readonly close: () => Promise<void>
}

/** The real app (MFA required for owner and admin), with the /admin hooks, on one engine. */
export const startSecurityApp = async (
  engine: EngineKind,
  o: { before?: (b: BuiltApp) => void; env?: Record<string, string> } = {},
): Promise<SecurityApp> => {
  const db = await createTestDatabase(engine)
  const config = loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', NODE_ENV: 'test', STAFF_MFA: 'required', ...o.env })
  const cache = openCache(config)
  const built = await buildApp(config, { db, cache, logger: createLogger(config.LOG_LEVEL) })
  o.before?.(built)
  await built.app.ready()
  const call: SecurityApp['call'] = async (method, url, c = {}) => {
    const r = await built.app.inject({
      method: method as 'GET',
      url,
      headers: { 'user-agent': 'crest-security-test', ...(c.token && { authorization: `Bearer ${c.token}` }), ...c.headers },
      ...(c.body !== undefined && { payload: c.body as object }),
    })
    let body: unknown = null
    try {
      body = r.json()
    } catch {
      body = r.body
    }
    return { status: r.statusCode, body, headers: r.headers }
  }
  const user: SecurityApp['user'] = async (role) => {
    const email = `${role}-${randomBytes(4).toString('hex')}@example.test`
    const created = await built.modules.staff.createUser({ email, password: PASSWORD, role })
    if (!created.ok) throw new Error(created.error.message)
    const r = await call('POST', '/admin/auth/token', { body: { email, password: PASSWORD } })
    if (r.status !== 200) throw new Error(JSON.stringify(r.body))
    return { email, token: r.body.token, mfa: r.body.mfa }
  }
  const userWithMfa: SecurityApp['userWithMfa'] = async (role) => {
    const u = await user(role)
    const enrol = await call('POST', '/admin/auth/mfa/enrol', { token: u.token })
    if (enrol.status !== 200) throw new Error(JSON.stringify(enrol.body))
    const secret: string = enrol.body.secret
    const act = await call('POST', '/admin/auth/mfa/activate', { token: u.token, body: { code: totpCode(secret, new Date()) } })
    if (act.status !== 200) throw new Error(JSON.stringify(act.body))
    return { email: u.email, token: u.token, secret, recoveryCodes: act.body.recovery_codes }
  }
  return {
    built,
    db,
    call,
    user,
    userWithMfa,
    close: async () => {
      await built.app.close()
      await cache.close()
      await db.close()
    },
  }
}

/** A concrete path for a route pattern: every `:param` becomes a harmless value. */
export const concretePath = (pattern: string): string =>
  pattern.replace(/:([A-Za-z_]+)/g, (_m, name: string) => `${name}_x`).replace(/\*$/, 'x')
