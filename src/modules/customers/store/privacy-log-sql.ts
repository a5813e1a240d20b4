import { asc, eq } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { privacyLog } from '../schema.ts'

/** Append-only: this module only ever inserts into and reads the privacy log. */
export const appendPrivacyLog = async (ex: Executor, row: typeof privacyLog.$inferInsert): Promise<void> => {
  await ex.insert(privacyLog).values(row)
}

export const listPrivacyLog = (ex: Executor, customerId: string) =>
  ex.select().from(privacyLog).where(eq(privacyLog.customerId, customerId)).orderBy(asc(privacyLog.at), asc(privacyLog.id))
