import { eq, sql } from 'drizzle-orm'
import { compiled } from '../../../platform/db/compiled-statement.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { pendingPayments } from '../schema.ts'

const deletePending = compiled((db) => db.delete(pendingPayments).where(eq(pendingPayments.orderId, sql.placeholder('orderId'))))

/** The order's payment is settled (either way): nothing is left to reconcile. */
export const forgetPendingPayment = async (tx: Executor, orderId: string): Promise<void> => {
  await deletePending(tx, { orderId })
}
