import { eq, inArray } from 'drizzle-orm'
import type { Database } from '../../../platform/db/database.ts'
import type { IdPrefix } from '../../../platform/ids/new-id.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import { staffSessions, staffUsers } from '../schema.ts'
import { auditLog, staffMfa, staffRecoveryCodes, staffSessionFactors } from '../schema.ts'

export type ResetMfaError = { readonly code: 'STAFF_USER_NOT_FOUND'; readonly message: string }

/**
 * An operator's way back in for a user who lost both authenticator and recovery codes
 * (`crest user reset-mfa`): removes the authenticator, the recovery codes and every session of
 * the user, and records it in the audit log, in one transaction.
 */
export const resetMfa =
  (d: { readonly db: Database; readonly newId: (prefix: IdPrefix) => string; readonly clock: { readonly now: () => Date } }) =>
  async (input: { readonly email: string; readonly by: string }): Promise<Result<{ readonly userId: string }, ResetMfaError>> =>
    d.db.orm.transaction(async (tx) => {
      const email = input.email.trim().toLowerCase()
      const [user] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, email))
      if (!user) return err({ code: 'STAFF_USER_NOT_FOUND', message: `No staff user with e-mail ${email}.` } as const)
      const sessions = await tx
        .delete(staffSessions)
        .where(eq(staffSessions.userId, user.id))
        .returning({ tokenHash: staffSessions.tokenHash })
      if (sessions.length)
        await tx.delete(staffSessionFactors).where(
          inArray(
            staffSessionFactors.tokenHash,
            sessions.map((s) => s.tokenHash),
          ),
        )
      await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, user.id))
      const removed = await tx.delete(staffMfa).where(eq(staffMfa.userId, user.id)).returning({ userId: staffMfa.userId })
      await tx.insert(auditLog).values({
        id: d.newId('aud'),
        at: d.clock.now(),
        actorKind: 'operator',
        actorId: null,
        actorLabel: input.by,
        action: 'cli user reset-mfa',
        method: 'CLI',
        path: `staff/${user.id}`,
        status: 200,
        request: { email },
        response: { authenticator_removed: removed.length === 1, sessions_ended: sessions.length },
      })
      return ok({ userId: user.id })
    })
