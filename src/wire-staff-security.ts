import type { FastifyInstance } from 'fastify'
import {
  type AdminGuard,
  MFA_REQUIRED_ROLES,
  registerAdminGuard,
  registerAuditTrail,
  type StaffApi,
  type StaffRole,
  staffSecurityRoutes,
} from './modules/staff/index.ts'
import type { Config } from './platform/config/load-config.ts'
import type { Database } from './platform/db/database.ts'

/** Roles that sign in with TOTP: STAFF_MFA=required|optional, `auto` = required in production. */
export const mfaRequiredRoles = (config: Config): readonly StaffRole[] =>
  config.STAFF_MFA === 'required' || (config.STAFF_MFA === 'auto' && config.NODE_ENV === 'production') ? MFA_REQUIRED_ROLES : []

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
  return guard
}
