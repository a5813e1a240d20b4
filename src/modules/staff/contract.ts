import type { Principal } from '../../platform/auth/bearer-auth.ts'
import type { Result } from '../../platform/result.ts'
import type { StaffError } from './errors.ts'
import type { ApiKeysApi } from './security/api-keys.ts'
import type { AuditLogApi } from './security/audit-log.ts'
import type { Enrolment, MfaError } from './security/mfa.ts'
import type { StaffUsersApi } from './security/staff-users.ts'

import type { StaffRole } from './roles.ts'

export { STAFF_ROLES, type StaffRole } from './roles.ts'

export type StaffUser = { readonly id: string; readonly email: string; readonly name: string; readonly role: StaffRole }

/**
 * How the session was signed in: with a second factor (`verified`), without one because the user
 * has none and the role does not demand it (`not_enrolled`), or limited to enrolling one
 * (`enrolment_required`: the role demands MFA and the user has none yet).
 */
export type SignInFactor = 'verified' | 'not_enrolled' | 'enrolment_required'

export type StaffApi = {
  readonly createUser: (input: {
    readonly email: string
    readonly password: string
    readonly role: StaffRole
    readonly name?: string
  }) => Promise<Result<StaffUser, StaffError>>
  readonly issueToken: (input: {
    readonly email: string
    readonly password: string
    /** a TOTP code or a recovery code */
    readonly otp?: string
  }) => Promise<Result<{ readonly token: string; readonly expires_at: string; readonly mfa: SignInFactor }, StaffError>>
  /** a staff session token (`cst_…`) or an API key (`crest_key_…`) → who it is, or null */
  readonly verifyToken: (token: string) => Promise<Principal | null>
  readonly revokeToken: (token: string) => Promise<void>
  readonly mfa: {
    readonly status: (userId: string) => Promise<{ readonly active: boolean; readonly recovery_codes_left: number }>
    readonly enrol: (user: { readonly id: string; readonly email: string }) => Promise<Result<Enrolment, MfaError>>
    /** activates with a code from the authenticator; the session `token` counts as verified from then on */
    readonly activate: (input: {
      readonly userId: string
      readonly code: string
      readonly token: string
    }) => Promise<Result<{ readonly recovery_codes: string[] }, MfaError>>
    readonly regenerateRecoveryCodes: (input: {
      readonly userId: string
      readonly code: string
    }) => Promise<Result<{ readonly recovery_codes: string[] }, MfaError>>
    /** operators only (`crest user reset-mfa`): removes the user's authenticator, recovery codes and sessions */
    readonly reset: (input: { readonly email: string; readonly by: string }) => Promise<Result<{ readonly userId: string }, StaffError>>
  }
  readonly apiKeys: Omit<ApiKeysApi, 'verify'>
  readonly auditLog: AuditLogApi
  /** list, change role or name, deactivate and reactivate staff users (never the last active owner) */
  readonly users: StaffUsersApi
}
