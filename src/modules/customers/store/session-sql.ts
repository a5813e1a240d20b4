import { and, eq, gt, lt } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { customerAccounts, customerSessions } from '../schema.ts'
import type { AccountRow } from './account-sql.ts'

export const insertSession = async (ex: Executor, row: typeof customerSessions.$inferInsert): Promise<void> => {
  await ex.insert(customerSessions).values(row)
}

/** The account behind a live (unexpired) session hash, in one statement. */
export const findSessionAccount = async (ex: Executor, tokenHash: string, now: Date): Promise<AccountRow | null> => {
  const [r] = await ex
    .select({ account: customerAccounts })
    .from(customerSessions)
    .innerJoin(customerAccounts, eq(customerAccounts.id, customerSessions.customerId))
    .where(and(eq(customerSessions.tokenHash, tokenHash), gt(customerSessions.expiresAt, now)))
    .limit(1)
  return r?.account ?? null
}

export const deleteSession = async (ex: Executor, tokenHash: string): Promise<void> => {
  await ex.delete(customerSessions).where(eq(customerSessions.tokenHash, tokenHash))
}

export const deleteSessionsOf = async (ex: Executor, customerId: string): Promise<void> => {
  await ex.delete(customerSessions).where(eq(customerSessions.customerId, customerId))
}

export const listSessionsOf = (ex: Executor, customerId: string) =>
  ex
    .select({ createdAt: customerSessions.createdAt, expiresAt: customerSessions.expiresAt })
    .from(customerSessions)
    .where(eq(customerSessions.customerId, customerId))
    .orderBy(customerSessions.createdAt)

/** Expired sessions of an account go when it signs in again: the table does not grow without bound. */
export const deleteExpiredSessionsOf = async (ex: Executor, customerId: string, now: Date): Promise<void> => {
  await ex.delete(customerSessions).where(and(eq(customerSessions.customerId, customerId), lt(customerSessions.expiresAt, now)))
}
