import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Database, Tx } from '../../../platform/db/database.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { StaffRole } from '../roles.ts'
import { staffMfa, staffSessionFactors, staffSessions, staffUsers } from '../schema.ts'
import { permissionsOf } from './permissions.ts'

/**
 * A deactivated user keeps its row (the audit log names it) but its password hash is prefixed
 * with `!`, which no password verifies against (as `!` in /etc/shadow); reactivating removes the
 * prefix, so the old password works again. No schema change: docs/decisions/0019-staff-deactivation-without-a-column.md.
 */
export const DEACTIVATED_PREFIX = '!'

export type StaffUserView = {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: StaffRole
  readonly active: boolean
  readonly mfa_active: boolean
  readonly created_at: string
}

export type StaffUsersError =
  | { readonly code: 'STAFF_USER_NOT_FOUND'; readonly message: string }
  /** the change would leave no active owner */
  | { readonly code: 'STAFF_LAST_OWNER'; readonly message: string }
  /** the role (given or held by the target) has permissions the manager lacks */
  | { readonly code: 'STAFF_ROLE_NOT_HELD'; readonly message: string; readonly role: StaffRole }

/** The manager may grant (or act on a holder of) `role` only if they hold all its permissions. */
export const mayManageRole = (managerPermissions: readonly string[], role: StaffRole): boolean =>
  permissionsOf(role).every((p) => managerPermissions.includes(p))

const NOT_FOUND = { code: 'STAFF_USER_NOT_FOUND', message: 'No such staff user.' } as const
const LAST_OWNER = { code: 'STAFF_LAST_OWNER', message: 'This would leave the shop without an active owner.' } as const

const columns = {
  id: staffUsers.id,
  email: staffUsers.email,
  name: staffUsers.name,
  role: staffUsers.role,
  passwordHash: staffUsers.passwordHash,
  createdAt: staffUsers.createdAt,
  mfaAt: staffMfa.activatedAt,
}
type Row = { id: string; email: string; name: string; role: StaffRole; passwordHash: string; createdAt: Date; mfaAt: Date | null }

const viewOf = (r: Row): StaffUserView => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  active: !r.passwordHash.startsWith(DEACTIVATED_PREFIX),
  mfa_active: r.mfaAt !== null,
  created_at: r.createdAt.toISOString(),
})

const activeSql = sql`${staffUsers.passwordHash} not like '!%'`

const load = async (tx: Database['orm'] | Tx, id: string): Promise<Row | undefined> =>
  (await tx.select(columns).from(staffUsers).leftJoin(staffMfa, eq(staffMfa.userId, staffUsers.id)).where(eq(staffUsers.id, id)))[0] as
    | Row
    | undefined

/**
 * Locks every active owner row (FOR UPDATE, in id order, before the target's row), so two owners
 * demoting or deactivating each other at once are serialised: the second sees the first's change
 * and is refused. Answers the active owners' ids.
 */
const lockActiveOwners = async (tx: Tx): Promise<readonly string[]> =>
  (
    await tx
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'owner'), activeSql))
      .orderBy(asc(staffUsers.id))
      .for('update')
  ).map((r) => r.id)

const endSessions = async (tx: Tx, userId: string) => {
  const gone = await tx.delete(staffSessions).where(eq(staffSessions.userId, userId)).returning({ tokenHash: staffSessions.tokenHash })
  if (gone.length)
    await tx.delete(staffSessionFactors).where(
      inArray(
        staffSessionFactors.tokenHash,
        gone.map((s) => s.tokenHash),
      ),
    )
}

type Change = Result<{ readonly before: StaffUserView; readonly after: StaffUserView }, StaffUsersError>

/** Staff users as owners and admins manage them (docs/staff-security.md). */
export const createStaffUsers = (d: { readonly db: Database }) => {
  /** loads, checks the manager may act on the user, then runs `change` under the owner lock */
  const change = (
    input: { readonly id: string; readonly managerPermissions: readonly string[] },
    run: (tx: Tx, row: Row, otherOwners: number) => Promise<StaffUsersError | Partial<Pick<Row, 'role' | 'passwordHash' | 'name'>>>,
  ): Promise<Change> =>
    d.db.orm.transaction(async (tx) => {
      const owners = await lockActiveOwners(tx)
      await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, input.id)).for('update')
      const row = await load(tx, input.id)
      if (!row) return err(NOT_FOUND)
      if (!mayManageRole(input.managerPermissions, row.role)) return err(roleNotHeld(row.role))
      const set = await run(tx, row, owners.filter((id) => id !== row.id).length)
      if ('code' in set) return err(set)
      if (Object.keys(set).length) await tx.update(staffUsers).set(set).where(eq(staffUsers.id, row.id))
      return ok({ before: viewOf(row), after: viewOf({ ...row, ...set }) })
    })

  return {
    list: async (): Promise<readonly StaffUserView[]> =>
      (
        (await d.db.orm
          .select(columns)
          .from(staffUsers)
          .leftJoin(staffMfa, eq(staffMfa.userId, staffUsers.id))
          .orderBy(asc(staffUsers.email))
          .limit(1000)) as Row[]
      ).map(viewOf),

    get: async (id: string): Promise<StaffUserView | null> => {
      const row = await load(d.db.orm, id)
      return row ? viewOf(row) : null
    },

    /** a new role and/or name; demoting the last active owner is refused */
    update: (input: {
      readonly id: string
      readonly managerPermissions: readonly string[]
      readonly role?: StaffRole
      readonly name?: string
    }): Promise<Change> =>
      change(input, async (_tx, row, otherOwners) => {
        const set: { role?: StaffRole; name?: string } = {}
        if (input.name !== undefined && input.name !== row.name) set.name = input.name
        if (input.role !== undefined && input.role !== row.role) {
          if (!mayManageRole(input.managerPermissions, input.role)) return roleNotHeld(input.role)
          const active = !row.passwordHash.startsWith(DEACTIVATED_PREFIX)
          if (row.role === 'owner' && active && otherOwners === 0) return LAST_OWNER
          set.role = input.role
        }
        return set
      }),

    /** signs the user out everywhere and refuses their password from now on; never the last active owner */
    deactivate: (input: { readonly id: string; readonly managerPermissions: readonly string[] }): Promise<Change> =>
      change(input, async (tx, row, otherOwners) => {
        if (row.passwordHash.startsWith(DEACTIVATED_PREFIX)) return {}
        if (row.role === 'owner' && otherOwners === 0) return LAST_OWNER
        await endSessions(tx, row.id)
        return { passwordHash: `${DEACTIVATED_PREFIX}${row.passwordHash}` }
      }),

    /** the user's old password works again */
    reactivate: (input: { readonly id: string; readonly managerPermissions: readonly string[] }): Promise<Change> =>
      change(input, async (_tx, row) =>
        row.passwordHash.startsWith(DEACTIVATED_PREFIX) ? { passwordHash: row.passwordHash.slice(DEACTIVATED_PREFIX.length) } : {},
      ),
  }
}

export type StaffUsersApi = ReturnType<typeof createStaffUsers>

export const roleNotHeld = (role: StaffRole) =>
  ({
    code: 'STAFF_ROLE_NOT_HELD',
    message: `Only someone holding every permission of the ${role} role may grant it or change its holders.`,
    role,
  }) as const
