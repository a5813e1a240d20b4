import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { and, eq, gt, sql } from 'drizzle-orm'
import type { Database } from '../../platform/db/database.ts'
import { uniqueViolation } from '../../platform/db/unique-violation.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'
import { err, ok } from '../../platform/result.ts'
import type { StaffApi } from './contract.ts'
import { staffSessions, staffUsers } from './schema.ts'

export type StaffDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
  readonly tokenTtlHours: number
}

const MIN_PASSWORD = 10
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
/** A real hash to verify against when the e-mail is unknown, so timing does not reveal accounts. */
let decoyHash: Promise<string> | undefined

const INVALID = { code: 'STAFF_INVALID_CREDENTIALS', message: 'E-mail or password is wrong.' } as const

export const createStaff = (d: StaffDeps): StaffApi => ({
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

  issueToken: async ({ email, password }) => {
    const [user] = await d.db.orm.select().from(staffUsers).where(eq(staffUsers.email, email.trim().toLowerCase()))
    if (!user) {
      decoyHash ??= hash(randomBytes(16).toString('hex'))
      await verify(await decoyHash, password).catch(() => false)
      return err(INVALID)
    }
    if (!(await verify(user.passwordHash, password).catch(() => false))) return err(INVALID)
    const token = `cst_${randomBytes(32).toString('base64url')}`
    const expiresAt = new Date(d.clock.now().getTime() + d.tokenTtlHours * 3600_000)
    await d.db.orm.insert(staffSessions).values({ tokenHash: sha256(token), userId: user.id, expiresAt })
    return ok({ token, expires_at: expiresAt.toISOString() })
  },

  verifyToken: async (token) => {
    if (token.length > 200) return null
    const [row] = await d.db.orm
      .select({ id: staffUsers.id, role: staffUsers.role, email: staffUsers.email })
      .from(staffSessions)
      .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
      .where(and(eq(staffSessions.tokenHash, sha256(token)), gt(staffSessions.expiresAt, sql`now()`)))
    return row ? { kind: 'staff', id: row.id, role: row.role, email: row.email } : null
  },

  revokeToken: async (token) => {
    await d.db.orm.delete(staffSessions).where(eq(staffSessions.tokenHash, sha256(token)))
  },
})
