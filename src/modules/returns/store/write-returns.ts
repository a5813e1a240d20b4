import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { ReturnStatus } from '../contract.ts'
import { type ReturnLabelRow, returnItems, returns } from '../schema.ts'

export type NewReturn = typeof returns.$inferInsert
export type NewReturnItem = typeof returnItems.$inferInsert

export const insertReturn = async (ex: Executor, r: NewReturn, items: readonly NewReturnItem[]): Promise<void> => {
  await ex.insert(returns).values(r)
  if (items.length) await ex.insert(returnItems).values([...items])
}

/**
 * Appends a step once (a second append of the same step is ignored); its time is `now` but
 * after the return's latest step, so steps read in order even within one millisecond.
 */
export const appendStep = async (
  ex: Executor,
  s: { id: string; returnId: string; step: string; note: string; now: Date },
): Promise<void> => {
  await ex.execute(sql`
    insert into returns.steps (id, return_id, step, note, at)
    select ${s.id}, ${s.returnId}, ${s.step}, ${s.note},
      greatest(${s.now.toISOString()}::timestamptz,
        (select max(at) + interval '1 millisecond' from returns.steps where return_id = ${s.returnId}))
    on conflict (return_id, step) do nothing`)
}

/** One conditional write: the return moves only from one of `from`; false when it did not. */
export const moveReturn = async (
  ex: Executor,
  m: { id: string; from: readonly ReturnStatus[]; to: ReturnStatus; now: Date; set?: Partial<typeof returns.$inferInsert> },
): Promise<boolean> => {
  const rows = await ex
    .update(returns)
    .set({ ...m.set, status: m.to, updatedAt: m.now })
    .where(and(eq(returns.id, m.id), inArray(returns.status, [...m.from])))
    .returning({ id: returns.id })
  return rows.length === 1
}

export const setReturnFields = async (ex: Executor, id: string, set: Partial<typeof returns.$inferInsert>, now: Date): Promise<void> => {
  await ex
    .update(returns)
    .set({ ...set, updatedAt: now })
    .where(eq(returns.id, id))
}

/** Sets the label unless one is there already; false when another caller won. */
export const setLabelOnce = async (ex: Executor, id: string, label: ReturnLabelRow, now: Date): Promise<boolean> => {
  const rows = await ex
    .update(returns)
    .set({ label, updatedAt: now })
    .where(and(eq(returns.id, id), sql`${returns.label} is null`))
    .returning({ id: returns.id })
  return rows.length === 1
}

/** Claims the refund (none/failed → pending) so one caller at a time asks the gateway; false when it is not claimable. */
export const claimRefund = async (ex: Executor, id: string, now: Date): Promise<boolean> => {
  const rows = await ex
    .update(returns)
    .set({ refundStatus: 'pending', updatedAt: now })
    .where(and(eq(returns.id, id), eq(returns.status, 'received'), inArray(returns.refundStatus, ['none', 'failed', 'pending'])))
    .returning({ id: returns.id })
  return rows.length === 1
}

export const recordReceipt = async (
  ex: Executor,
  i: { id: string; condition: 'sellable' | 'damaged'; disposition: 'restocked' | 'written_off'; locationId: string | null },
): Promise<void> => {
  await ex
    .update(returnItems)
    .set({ condition: i.condition, disposition: i.disposition, locationId: i.locationId })
    .where(eq(returnItems.id, i.id))
}

/** Records a failed refund attempt, unless a concurrent attempt refunded meanwhile. */
export const failRefund = async (ex: Executor, id: string, error: string, now: Date): Promise<void> => {
  await ex
    .update(returns)
    .set({ refundStatus: 'failed', refundError: error, updatedAt: now })
    .where(and(eq(returns.id, id), eq(returns.status, 'received'), inArray(returns.refundStatus, ['pending', 'none', 'failed'])))
}
