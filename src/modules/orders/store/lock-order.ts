import { sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'

/** The order's advisory lock, held until the transaction ends (see OrdersApi.lockOrder). */
export const lockOrder = async (id: string, tx: Executor): Promise<void> => {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`order:${id}`}, 0))`)
}
