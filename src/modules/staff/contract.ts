import type { Principal } from '../../platform/auth/bearer-auth.ts'
import type { Result } from '../../platform/result.ts'
import type { StaffError } from './errors.ts'

export const STAFF_ROLES = ['owner', 'admin', 'fulfilment', 'support', 'analyst'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export type StaffUser = { readonly id: string; readonly email: string; readonly name: string; readonly role: StaffRole }

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
  }) => Promise<Result<{ readonly token: string; readonly expires_at: string }, StaffError>>
  readonly verifyToken: (token: string) => Promise<Principal | null>
  readonly revokeToken: (token: string) => Promise<void>
}
