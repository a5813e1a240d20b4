import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { and, eq, gt, sql } from 'drizzle-orm'
import type { Principal } from '../../platform/auth/bearer-auth.ts'
import type { Database } from '../../platform/db/database.ts'
import { uniqueViolation } from '../../platform/db/unique-violation.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'
import { err, ok } from '../../platform/result.ts'
import type { SignInFactor, StaffApi, StaffRole } from './contract.ts'
import { staffSessions, staffUsers } from './schema.ts'
import { API_KEY_PREFIX, createApiKeys } from './security/api-keys.ts'
import { createAuditLog } from './security/audit-log.ts'
import { createMfa } from './security/mfa.ts'
import { resetMfa } from './security/reset-mfa.ts'
import type { SecretCipher } from './security/secret-cipher.ts'
import { createStaffUsers, DEACTIVATED_PREFIX } from './security/staff-users.ts'
import { MFA_REQUIRED_ROLES, permissionsOf } from './security/permissions.ts'
import { staffMfa, staffSessionFactors } from './schema.ts'

export type StaffDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
  readonly tokenTtlHours: number
  /** roles that must sign in with TOTP (default owner and admin; [] when STAFF_MFA=optional) */
  readonly mfaRequiredRoles?: readonly StaffRole[]
  /** the name authenticator apps show (default "Crest") */
  readonly issuer?: string
  /** seals TOTP secrets at rest (STAFF_SECRET_KEY; docs/staff-security.md) */
  readonly secretCipher: SecretCipher
}

const MIN_PASSWORD = 10
const ENROLMENT_TTL_MS = 15 * 60_000 // a token limited to MFA enrolment lasts 15 minutes
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
/** A real hash to verify against when the e-mail is unknown, so timing does not reveal accounts. */
let decoyHash: Promise<string> | undefined

const INVALID = { code: 'STAFF_INVALID_CREDENTIALS', message: 'E-mail or password is wrong.' } as const

export const createStaff = (d: StaffDeps): StaffApi => {
  const mfaRoles: readonly string[] = d.mfaRequiredRoles ?? MFA_REQUIRED_ROLES
  const mfa = createMfa({ db: d.db, clock: d.clock, newId: d.newId, issuer: d.issuer ?? 'Crest', cipher: d.secretCipher })
  const { verify: verifyApiKey, ...apiKeys } = createApiKeys(d)

  /** Password right; now the second factor decides what the session may do. */
  const secondFactor = async (user: { id: string; role: string }, otp: string | undefined) => {
    if (!(await mfa.isActive(user.id))) return ok<SignInFactor>(mfaRoles.includes(user.role) ? 'enrolment_required' : 'not_enrolled')
    if (!otp)
      return err({ code: 'STAFF_MFA_REQUIRED', message: 'Send the code from your authenticator app (or a recovery code) as otp.' } as const)
    const checked = await mfa.check(user.id, otp)
    if (checked !== null && typeof checked === 'object') {
      const retryAfterSeconds = Math.max(1, Math.ceil((checked.lockedUntil.getTime() - d.clock.now().getTime()) / 1000))
      return err({ code: 'STAFF_MFA_LOCKED', message: 'Too many wrong codes: try again later.', retryAfterSeconds } as const)
    }
    if (!checked) return err({ code: 'STAFF_INVALID_OTP', message: 'The code is wrong, expired or already used.' } as const)
    return ok<SignInFactor>('verified')
  }

  const verifySession = async (token: string): Promise<Principal | null> => {
    if (token.length > 200) return null
    const [row] = await d.db.orm
      .select({
        id: staffUsers.id,
        role: staffUsers.role,
        email: staffUsers.email,
        passwordHash: staffUsers.passwordHash,
        mfa: staffSessionFactors.mfa,
        activatedAt: staffMfa.activatedAt,
      })
      .from(staffSessions)
      .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
      .leftJoin(staffSessionFactors, eq(staffSessionFactors.tokenHash, staffSessions.tokenHash))
      .leftJoin(staffMfa, eq(staffMfa.userId, staffUsers.id))
      .where(and(eq(staffSessions.tokenHash, sha256(token)), gt(staffSessions.expiresAt, sql`now()`)))
    if (!row || row.passwordHash.startsWith(DEACTIVATED_PREFIX)) return null
    const needsMfa = mfaRoles.includes(row.role) || row.activatedAt !== null
    const limited = needsMfa && row.mfa !== true
    return {
      kind: 'staff',
      id: row.id,
      role: row.role,
      email: row.email,
      scope: limited ? 'mfa_enrolment' : 'full',
      permissions: limited ? [] : permissionsOf(row.role),
    }
  }

  return {
    createUser: async ({ email, password, role, name }) => {
      if (password.length < MIN_PASSWORD) {
        return err({ code: 'STAFF_WEAK_PASSWORD', message: `Use a password of at least ${MIN_PASSWORD} characters.` })
      }
      const user = { id: d.newId('usr'), email: email.trim().toLowerCase(), name: name ?? '', role }
      try {
        await d.db.orm.insert(staffUsers).values({ ...user, passwordHash: await hash(password) })
      } catch (e) {
        if (!uniqueViolation(e)) throw e
        return err({ code: 'STAFF_EMAIL_TAKEN', message: `A staff user with e-mail ${user.email} exists.` })
      }
      return ok(user)
    },

    issueToken: async ({ email, password, otp }) => {
      const [user] = await d.db.orm.select().from(staffUsers).where(eq(staffUsers.email, email.trim().toLowerCase()))
      // a deactivated user answers as an unknown e-mail does (same work, same error)
      if (!user || user.passwordHash.startsWith(DEACTIVATED_PREFIX)) {
        decoyHash ??= hash(randomBytes(16).toString('hex'))
        await verify(await decoyHash, password).catch(() => false)
        return err(INVALID)
      }
      if (!(await verify(user.passwordHash, password).catch(() => false))) return err(INVALID)
      const factor = await secondFactor(user, otp)
      if (!factor.ok) return factor
      const token = `cst_${randomBytes(32).toString('base64url')}`
      const ttlMs = d.tokenTtlHours * 3600_000
      const expiresAt = new Date(
        d.clock.now().getTime() + (factor.value === 'enrolment_required' ? Math.min(ttlMs, ENROLMENT_TTL_MS) : ttlMs),
      )
      await d.db.orm.transaction(async (tx) => {
        await tx.insert(staffSessions).values({ tokenHash: sha256(token), userId: user.id, expiresAt })
        await tx.insert(staffSessionFactors).values({ tokenHash: sha256(token), mfa: factor.value === 'verified' })
      })
      return ok({ token, expires_at: expiresAt.toISOString(), mfa: factor.value })
    },

    verifyToken: (token) => (token.startsWith(API_KEY_PREFIX) ? verifyApiKey(token) : verifySession(token)),

    revokeToken: async (token) => {
      await d.db.orm.delete(staffSessions).where(eq(staffSessions.tokenHash, sha256(token)))
      await d.db.orm.delete(staffSessionFactors).where(eq(staffSessionFactors.tokenHash, sha256(token)))
    },

    mfa: {
      status: async (userId) => ({ active: await mfa.isActive(userId), recovery_codes_left: await mfa.remainingRecoveryCodes(userId) }),
      enrol: mfa.enrol,
      activate: async ({ userId, code, token }) => {
        const r = await mfa.activate(userId, code)
        if (r.ok) {
          await d.db.orm
            .insert(staffSessionFactors)
            .values({ tokenHash: sha256(token), mfa: true })
            .onConflictDoUpdate({ target: staffSessionFactors.tokenHash, set: { mfa: true } })
        }
        return r
      },
      regenerateRecoveryCodes: ({ userId, code }) => mfa.regenerateRecoveryCodes(userId, code),
      reset: resetMfa(d),
    },
    apiKeys,
    auditLog: createAuditLog(d),
    users: createStaffUsers(d),
  }
}
