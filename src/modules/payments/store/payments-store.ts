import { and, eq, gte, inArray, sql } from 'drizzle-orm'
import type { Executor, Tx } from '../../../platform/db/database.ts'
import type { Payment } from '../contract.ts'
import { payments } from '../schema.ts'

export type PaymentRow = typeof payments.$inferSelect

export const toPayment = (r: PaymentRow): Payment => ({
  order_id: r.orderId,
  gateway: r.gateway,
  gateway_ref: r.gatewayRef,
  status: r.status,
  amount: { amount: r.amount, currency: r.currency },
  captured: { amount: r.capturedAmount, currency: r.currency },
  refunded: { amount: r.refundedAmount, currency: r.currency },
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})

export const findPayment = async (ex: Executor, orderId: string): Promise<PaymentRow | undefined> =>
  (await ex.select().from(payments).where(eq(payments.orderId, orderId)).limit(1))[0]

/** Reads the row and holds it until the transaction ends: money operations on one order queue here. */
export const lockPayment = async (tx: Tx, orderId: string): Promise<PaymentRow | undefined> =>
  (await tx.select().from(payments).where(eq(payments.orderId, orderId)).for('update'))[0]

/** authorized → captured, only while the amount fits what was authorised (one conditional write). */
export const markCaptured = async (ex: Executor, orderId: string, amount: number, at: Date): Promise<boolean> => {
  const rows = await ex
    .update(payments)
    .set({ status: 'captured', capturedAmount: amount, updatedAt: at })
    .where(and(eq(payments.orderId, orderId), eq(payments.status, 'authorized'), gte(payments.amount, amount)))
    .returning({ orderId: payments.orderId })
  return rows.length > 0
}

export const markVoided = async (ex: Executor, orderId: string, at: Date): Promise<boolean> => {
  const rows = await ex
    .update(payments)
    .set({ status: 'voided', updatedAt: at })
    .where(and(eq(payments.orderId, orderId), eq(payments.status, 'authorized')))
    .returning({ orderId: payments.orderId })
  return rows.length > 0
}

/**
 * Counts `amount` as refunded before the gateway is asked, only if it fits what was captured and
 * not yet refunded: `refunded + amount <= captured` holds under any concurrency.
 */
export const reserveRefund = async (ex: Executor, orderId: string, amount: number, at: Date): Promise<boolean> => {
  const after = sql`${payments.refundedAmount} + ${amount}`
  const rows = await ex
    .update(payments)
    .set({
      refundedAmount: after,
      status: sql`case when ${after} >= ${payments.capturedAmount} then 'refunded' else 'partially_refunded' end`,
      updatedAt: at,
    })
    .where(
      and(
        eq(payments.orderId, orderId),
        inArray(payments.status, ['captured', 'partially_refunded']),
        sql`${payments.capturedAmount} - ${payments.refundedAmount} >= ${amount}`,
      ),
    )
    .returning({ orderId: payments.orderId })
  return rows.length > 0
}

/** Gives back a reservation whose refund did not happen (or was a duplicate). */
export const releaseRefund = async (ex: Executor, orderId: string, amount: number, at: Date): Promise<void> => {
  const after = sql`${payments.refundedAmount} - ${amount}`
  await ex
    .update(payments)
    .set({
      refundedAmount: after,
      status: sql`case when ${after} <= 0 then 'captured' when ${after} >= ${payments.capturedAmount} then 'refunded' else 'partially_refunded' end`,
      updatedAt: at,
    })
    .where(and(eq(payments.orderId, orderId), gte(payments.refundedAmount, amount)))
}
