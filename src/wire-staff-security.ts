import type { FastifyInstance } from 'fastify'
import {
  type AdminGuard,
  createSecretCipher,
  MFA_REQUIRED_ROLES,
  registerAdminGuard,
  registerAuditTrail,
  type StaffApi,
  type SecretCipher,
  type StaffRole,
  staffSecurityRoutes,
  staffUserRoutes,
} from './modules/staff/index.ts'
import type { Config } from './platform/config/load-config.ts'
import { developmentSecretKey, parseSecretKey } from './platform/config/secret-key.ts'
import type { Logger } from './platform/logging/create-logger.ts'
import type { Database } from './platform/db/database.ts'

/** Roles that sign in with TOTP: STAFF_MFA=required|optional, `auto` = required in production. */
export const mfaRequiredRoles = (config: Config): readonly StaffRole[] =>
  config.STAFF_MFA === 'required' || (config.STAFF_MFA === 'auto' && config.NODE_ENV === 'production') ? MFA_REQUIRED_ROLES : []

let warnedAboutDevelopmentKey = false

/**
 * The cipher that seals TOTP secrets at rest: keyed by STAFF_SECRET_KEY. Production cannot start
 * without it (the configuration refuses); elsewhere a fixed, public development key stands in,
 * with one warning per process.
 */
export const staffSecretCipher = (config: Config, logger: Pick<Logger, 'warn'>): SecretCipher => {
  const key = config.STAFF_SECRET_KEY ? parseSecretKey(config.STAFF_SECRET_KEY) : null
  if (key) return createSecretCipher(key)
  if (config.NODE_ENV === 'production') throw new Error('STAFF_SECRET_KEY is required when NODE_ENV=production')
  if (!warnedAboutDevelopmentKey) {
    warnedAboutDevelopmentKey = true
    logger.warn(
      'STAFF_SECRET_KEY is not set: TOTP secrets are sealed with the public development key. Set it (openssl rand -base64 32) before going live.',
    )
  }
  return createSecretCipher(developmentSecretKey('staff-totp'))
}

/**
 * Staff security (docs/staff-security.md): the guard in front of every
 * /admin route (bearer credential + permission matrix), the audit trail of admin changes, and the
 * MFA / API key / audit log routes. Call before any admin route is registered.
 */
export const wireStaffSecurity = async (
  app: FastifyInstance,
  d: { readonly db: Database; readonly staff: StaffApi },
): Promise<AdminGuard> => {
  const guard = registerAdminGuard(app, { verify: d.staff.verifyToken })
  registerAuditTrail(app, { auditLog: d.staff.auditLog })
  await app.register(staffSecurityRoutes({ staff: d.staff }), { prefix: '/admin' })
  await app.register(staffUserRoutes({ staff: d.staff }), { prefix: '/admin' })
  return guard
}
