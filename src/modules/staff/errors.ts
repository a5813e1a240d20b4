import type { ApiKeyError } from './security/api-keys.ts'
import type { MfaError } from './security/mfa.ts'
import type { ResetMfaError } from './security/reset-mfa.ts'
import type { StaffUsersError } from './security/staff-users.ts'

export type StaffError =
  | { readonly code: 'STAFF_EMAIL_TAKEN'; readonly message: string }
  | { readonly code: 'STAFF_WEAK_PASSWORD'; readonly message: string }
  | { readonly code: 'STAFF_INVALID_CREDENTIALS'; readonly message: string }
  /** the user signs in with a second factor: send `otp` (a TOTP code or a recovery code) */
  | { readonly code: 'STAFF_MFA_REQUIRED'; readonly message: string }
  /** five wrong codes in a row: the second factor is locked for a while */
  | { readonly code: 'STAFF_MFA_LOCKED'; readonly message: string; readonly retryAfterSeconds: number }
  | MfaError
  | ApiKeyError
  | ResetMfaError
  | StaffUsersError

export type StaffErrorCode = StaffError['code']
