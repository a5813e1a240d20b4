import { eq, sql } from 'drizzle-orm'
import { compiled } from '../../../platform/db/compiled-statement.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { pendingPayments } from '../schema.ts'

type NewPendingPayment = {
  orderId: string
  cartId: string
  provider: string
  token: string
  amount: number
  currency: string
}

const insertPending = compiled((db) =>
  db.insert(pendingPayments).values({
    orderId: sql.placeholder('orderId'),
    cartId: sql.placeholder('cartId'),
    provider: sql.placeholder('provider'),
    token: sql.placeholder('token'),
    amount: sql.placeholder('amount'),
    currency: sql.placeholder('currency'),
  }),
)

const deletePending = compiled((db) => db.delete(pendingPayments).where(eq(pendingPayments.orderId, sql.placeholder('orderId'))))

/** Records the payment a new order still waits for, in the order's transaction. */
export const recordPendingPayment = async (tx: Executor, p: NewPendingPayment): Promise<void> => {
  await insertPending(tx, p)
}

/** The order's payment is settled (either way): nothing is left to reconcile. */
export const forgetPendingPayment = async (tx: Executor, orderId: string): Promise<void> => {
  await deletePending(tx, { orderId })
}
