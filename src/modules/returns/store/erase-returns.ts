import { and, inArray, ne, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { ERASED_EMAIL, ERASED_TEXT } from '../../orders/index.ts'
import { returnSteps, returns } from '../schema.ts'

/**
 * Personal data out of the returns of those orders: the e-mail becomes the erased placeholder and
 * free text (the shopper's note, the rejection reason, step notes) becomes `erased` where there was
 * any. Ids, order links, items, amounts, refund and label states, statuses and times stay. Idempotent;
 * answers how many returns changed.
 */
export const eraseReturnsOf = async (ex: Executor, orderIds: readonly string[], now: Date): Promise<number> => {
  if (orderIds.length === 0) return 0
  const rows = await ex
    .update(returns)
    .set({
      email: ERASED_EMAIL,
      note: sql`case when ${returns.note} = '' then '' else ${ERASED_TEXT} end`,
      rejectionReason: sql`case when ${returns.rejectionReason} is null then null else ${ERASED_TEXT} end`,
      updatedAt: now,
    })
    .where(and(inArray(returns.orderId, [...orderIds]), ne(returns.email, ERASED_EMAIL)))
    .returning({ id: returns.id })
  await ex
    .update(returnSteps)
    .set({ note: ERASED_TEXT })
    .where(
      and(
        ne(returnSteps.note, ''),
        ne(returnSteps.note, ERASED_TEXT),
        inArray(
          returnSteps.returnId,
          ex
            .select({ id: returns.id })
            .from(returns)
            .where(inArray(returns.orderId, [...orderIds])),
        ),
      ),
    )
  return rows.length
}
