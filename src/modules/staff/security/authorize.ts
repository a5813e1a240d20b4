import type { Principal } from '../../../platform/auth/bearer-auth.ts'
import { type Permission, permissionsOf } from './permissions.ts'

/**
 * What an admin route demands: nothing (`public`: signing in), any staff user's own session
 * (`staff_self`: sign out, MFA set-up, even with an enrolment-only token), or a permission.
 */
export type RouteAccess = 'public' | 'staff_self' | Permission

export type Denial = {
  readonly status: 403
  readonly code: 'forbidden' | 'mfa_enrolment_required'
  readonly message: string
  readonly details?: { readonly permission: string | null }
}

/** The permissions a principal holds: a staff user's role's, an API key's scopes. */
export const permissionsHeld = (p: Principal): readonly string[] => (p.kind === 'staff' ? permissionsOf(p.role) : p.permissions)

/**
 * Decides whether the principal may use a route that demands `access`; `undefined` means the
 * route has no entry in the matrix, and then only the owner may use it (fail closed).
 */
export const authorize = (p: Principal, access: RouteAccess | undefined): Denial | null => {
  if (access === 'public') return null
  if (p.kind === 'staff' && p.scope === 'mfa_enrolment' && access !== 'staff_self') {
    return {
      status: 403,
      code: 'mfa_enrolment_required',
      message: 'Your role signs in with a second factor: enrol an authenticator at /admin/auth/mfa first.',
    }
  }
  if (access === 'staff_self') {
    return p.kind === 'staff' ? null : { status: 403, code: 'forbidden', message: 'This endpoint is for staff sessions, not API keys.' }
  }
  if (access === undefined) {
    if (p.kind === 'staff' && p.role === 'owner') return null
    return {
      status: 403,
      code: 'forbidden',
      message: 'This endpoint has no entry in the permission matrix; only the owner may use it.',
      details: { permission: null },
    }
  }
  if (permissionsHeld(p).includes(access)) return null
  return { status: 403, code: 'forbidden', message: `This needs the ${access} permission.`, details: { permission: access } }
}
