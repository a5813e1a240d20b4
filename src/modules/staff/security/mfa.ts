import { hash, verify } from '@node-rs/argon2'
import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import QRCode from 'qrcode'
import type { Database } from '../../../platform/db/database.ts'
import type { IdPrefix } from '../../../platform/ids/new-id.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import { staffMfa, staffRecoveryCodes } from '../schema.ts'
import { looksLikeRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.ts'
import type { SecretCipher } from './secret-cipher.ts'
import { matchTotpStep, newTotpSecret, totpUri } from './totp.ts'

export type MfaDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
  readonly issuer: string
  /** TOTP secrets are stored sealed with it (AES-256-GCM, bound to the user id) */
  readonly cipher: SecretCipher
}

export type MfaError =
  | { readonly code: 'STAFF_MFA_ALREADY_ACTIVE'; readonly message: string }
  | { readonly code: 'STAFF_MFA_NOT_ENROLLED'; readonly message: string }
  | { readonly code: 'STAFF_INVALID_OTP'; readonly message: string }

export type Enrolment = { readonly secret: string; readonly otpauth_url: string; readonly qr_svg: string; readonly qr_data_url: string }

const MAX_FAILURES = 5
const LOCK_MS = 15 * 60_000

const INVALID_OTP = { code: 'STAFF_INVALID_OTP', message: 'The code is wrong, expired or already used.' } as const

/** TOTP authenticators and recovery codes of staff users. */
export const createMfa = (d: MfaDeps) => {
  const rowOf = async (userId: string) => (await d.db.orm.select().from(staffMfa).where(eq(staffMfa.userId, userId)))[0]

  /**
   * Accepts a TOTP code once: its time step must be newer than the last accepted one. A secret
   * still stored in plaintext (from before sealing) is sealed by this write.
   */
  const acceptTotp = async (userId: string, stored: string, code: string, pending: boolean) => {
    const { plain, legacy } = d.cipher.open(stored, userId)
    const step = matchTotpStep(plain, code, d.clock.now())
    if (step === null) return false
    const fresh = or(isNull(staffMfa.lastStep), lt(staffMfa.lastStep, step))
    const rows = await d.db.orm
      .update(staffMfa)
      .set({ lastStep: step, ...(pending && { activatedAt: d.clock.now() }), ...(legacy && { secret: d.cipher.seal(plain, userId) }) })
      .where(and(eq(staffMfa.userId, userId), fresh, pending ? isNull(staffMfa.activatedAt) : isNotNull(staffMfa.activatedAt)))
      .returning({ userId: staffMfa.userId })
    return rows.length === 1
  }

  /** Uses up a recovery code: each one works once, even for two requests at the same moment. */
  const acceptRecoveryCode = async (userId: string, code: string) => {
    const unused = await d.db.orm
      .select()
      .from(staffRecoveryCodes)
      .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)))
    const plain = normaliseRecoveryCode(code)
    for (const row of unused) {
      if (!(await verify(row.codeHash, plain).catch(() => false))) continue
      const used = await d.db.orm
        .update(staffRecoveryCodes)
        .set({ usedAt: d.clock.now() })
        .where(and(eq(staffRecoveryCodes.id, row.id), isNull(staffRecoveryCodes.usedAt)))
        .returning({ id: staffRecoveryCodes.id })
      return used.length === 1
    }
    return false
  }

  const replaceRecoveryCodes = async (userId: string): Promise<string[]> => {
    const codes = newRecoveryCodes()
    const rows = await Promise.all(codes.map(async (c) => ({ id: d.newId('rcv'), userId, codeHash: await hash(normaliseRecoveryCode(c)) })))
    await d.db.orm.transaction(async (tx) => {
      await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId))
      await tx.insert(staffRecoveryCodes).values(rows)
    })
    return codes
  }

  return {
    isActive: async (userId: string): Promise<boolean> => Boolean((await rowOf(userId))?.activatedAt),

    /** Starts (or restarts) enrolment: a new secret, shown once, with its QR code. */
    enrol: async (user: { readonly id: string; readonly email: string }): Promise<Result<Enrolment, MfaError>> => {
      if ((await rowOf(user.id))?.activatedAt) {
        return err({ code: 'STAFF_MFA_ALREADY_ACTIVE', message: 'Multi-factor sign-in is already active for this user.' })
      }
      const secret = newTotpSecret()
      const sealed = d.cipher.seal(secret, user.id)
      await d.db.orm
        .insert(staffMfa)
        .values({ userId: user.id, secret: sealed })
        .onConflictDoUpdate({
          target: staffMfa.userId,
          set: { secret: sealed, lastStep: null, activatedAt: null },
          setWhere: isNull(staffMfa.activatedAt),
        })
      const uri = totpUri(secret, user.email, d.issuer)
      const [svg, dataUrl] = await Promise.all([QRCode.toString(uri, { type: 'svg', margin: 2 }), QRCode.toDataURL(uri, { margin: 2 })])
      return ok({ secret, otpauth_url: uri, qr_svg: svg, qr_data_url: dataUrl })
    },

    /** Activates the authenticator with a code from it; returns the recovery codes, shown once. */
    activate: async (userId: string, code: string): Promise<Result<{ readonly recovery_codes: string[] }, MfaError>> => {
      const row = await rowOf(userId)
      if (!row) return err({ code: 'STAFF_MFA_NOT_ENROLLED', message: 'Start enrolment first: POST /admin/auth/mfa/enrol.' })
      if (row.activatedAt) return err({ code: 'STAFF_MFA_ALREADY_ACTIVE', message: 'Multi-factor sign-in is already active.' })
      if (!(await acceptTotp(userId, row.secret, code.trim(), true))) return err(INVALID_OTP)
      return ok({ recovery_codes: await replaceRecoveryCodes(userId) })
    },

    /** Checks a second factor at sign-in: a TOTP code, or an unused recovery code. */
    /**
     * Checks a second factor at sign-in: a TOTP code, or an unused recovery code. Five wrong
     * codes in a row lock the user's second factor for 15 minutes (`locked` with the time).
     */
    check: async (userId: string, code: string): Promise<'totp' | 'recovery_code' | { readonly lockedUntil: Date } | null> => {
      const row = await rowOf(userId)
      if (!row?.activatedAt) return null
      const now = d.clock.now()
      if (row.lockedUntil && row.lockedUntil > now) return { lockedUntil: row.lockedUntil }
      const c = code.trim()
      const accepted = /^\d{6}$/.test(c)
        ? (await acceptTotp(userId, row.secret, c, false)) && 'totp'
        : looksLikeRecoveryCode(c) && (await acceptRecoveryCode(userId, c)) && 'recovery_code'
      if (accepted) {
        if (row.failedAttempts > 0) await d.db.orm.update(staffMfa).set({ failedAttempts: 0 }).where(eq(staffMfa.userId, userId))
        return accepted
      }
      const lockedUntil = new Date(now.getTime() + LOCK_MS)
      await d.db.orm
        .update(staffMfa)
        .set({
          failedAttempts: sql`case when ${staffMfa.failedAttempts} + 1 >= ${MAX_FAILURES} then 0 else ${staffMfa.failedAttempts} + 1 end`,
          lockedUntil: sql`case when ${staffMfa.failedAttempts} + 1 >= ${MAX_FAILURES} then ${lockedUntil.toISOString()}::timestamptz else ${staffMfa.lockedUntil} end`,
        })
        .where(eq(staffMfa.userId, userId))
      return null
    },

    /** New recovery codes (the old ones stop working), after a valid TOTP code. */
    regenerateRecoveryCodes: async (userId: string, code: string): Promise<Result<{ readonly recovery_codes: string[] }, MfaError>> => {
      const row = await rowOf(userId)
      if (!row?.activatedAt) return err({ code: 'STAFF_MFA_NOT_ENROLLED', message: 'Multi-factor sign-in is not active.' })
      if (!(await acceptTotp(userId, row.secret, code.trim(), false))) return err(INVALID_OTP)
      return ok({ recovery_codes: await replaceRecoveryCodes(userId) })
    },

    remainingRecoveryCodes: async (userId: string): Promise<number> =>
      (
        await d.db.orm
          .select({ id: staffRecoveryCodes.id })
          .from(staffRecoveryCodes)
          .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)))
      ).length,
  }
}

export type MfaApi = ReturnType<typeof createMfa>
