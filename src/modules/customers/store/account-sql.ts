import { eq } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { Customer } from '../contract.ts'
import { customerAccounts } from '../schema.ts'

export type AccountRow = typeof customerAccounts.$inferSelect

export const toCustomer = (r: AccountRow): Customer => ({
  id: r.id,
  email: r.email,
  name: r.name,
  email_verified: r.emailVerifiedAt !== null,
  created_at: r.createdAt.toISOString(),
})

export const insertAccount = async (ex: Executor, row: typeof customerAccounts.$inferInsert): Promise<AccountRow> => {
  const [r] = await ex.insert(customerAccounts).values(row).returning()
  return r as AccountRow
}

export const findAccountByEmail = async (ex: Executor, email: string): Promise<AccountRow | null> =>
  (await ex.select().from(customerAccounts).where(eq(customerAccounts.email, email)).limit(1))[0] ?? null

export const findAccount = async (ex: Executor, id: string): Promise<AccountRow | null> =>
  (await ex.select().from(customerAccounts).where(eq(customerAccounts.id, id)).limit(1))[0] ?? null

export const updateAccount = async (
  ex: Executor,
  id: string,
  set: Partial<typeof customerAccounts.$inferInsert>,
): Promise<AccountRow | null> => (await ex.update(customerAccounts).set(set).where(eq(customerAccounts.id, id)).returning())[0] ?? null

export const deleteAccount = async (ex: Executor, id: string): Promise<void> => {
  await ex.delete(customerAccounts).where(eq(customerAccounts.id, id))
}
