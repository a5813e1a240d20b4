import type { FastifyReply } from 'fastify'
import { errorBody } from '../../../platform/http/error-body.ts'
import { assertNever } from '../../../platform/result.ts'
import type { StaffError } from '../errors.ts'

/** HTTP statuses and stable public codes of the staff module's errors. */
export const statusOf = (e: StaffError): { status: number; code: string } => {
  switch (e.code) {
    case 'STAFF_INVALID_CREDENTIALS':
      return { status: 401, code: 'invalid_credentials' }
    case 'STAFF_MFA_REQUIRED':
      return { status: 401, code: 'mfa_required' }
    case 'STAFF_INVALID_OTP':
      return { status: 401, code: 'invalid_otp' }
    case 'STAFF_MFA_LOCKED':
      return { status: 429, code: 'too_many_attempts' }
    case 'STAFF_EMAIL_TAKEN':
      return { status: 409, code: 'email_taken' }
    case 'STAFF_WEAK_PASSWORD':
      return { status: 422, code: 'weak_password' }
    case 'STAFF_MFA_ALREADY_ACTIVE':
      return { status: 409, code: 'mfa_already_active' }
    case 'STAFF_MFA_NOT_ENROLLED':
      return { status: 409, code: 'mfa_not_enrolled' }
    case 'STAFF_UNKNOWN_SCOPE':
      return { status: 422, code: 'unknown_scope' }
    case 'STAFF_SCOPE_NOT_HELD':
      return { status: 403, code: 'scope_not_held' }
    case 'STAFF_LAST_OWNER':
      return { status: 409, code: 'last_owner' }
    case 'STAFF_ROLE_NOT_HELD':
      return { status: 403, code: 'role_not_held' }
    case 'STAFF_API_KEY_NOT_FOUND':
    case 'STAFF_USER_NOT_FOUND':
      return { status: 404, code: 'not_found' }
    default:
      return assertNever(e)
  }
}

export const sendStaffError = (reply: FastifyReply, e: StaffError) => {
  const { status, code } = statusOf(e)
  const { code: _internal, message, ...details } = e
  if (e.code === 'STAFF_MFA_LOCKED') reply.header('retry-after', String(e.retryAfterSeconds))
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}
