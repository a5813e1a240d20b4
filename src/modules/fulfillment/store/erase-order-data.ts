import { and, inArray, ne } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { ERASED_EMAIL } from '../../orders/index.ts'
import { orderReviews } from '../schema.ts'

/**
 * Personal data this module keeps about those orders, out: the e-mail of each order's risk review
 * becomes the orders' erased placeholder (decision, reasons, totals, country and capture state
 * stay). Parcels (`fulfillment.shipments`, tracking events) hold no name, e-mail, address or phone:
 * the address went to the carrier with the booking and is read from the order, never stored here.
 * Idempotent; answers how many reviews changed.
 */
export const eraseOrderData = async (ex: Executor, orderIds: readonly string[]): Promise<number> => {
  if (orderIds.length === 0) return 0
  const rows = await ex
    .update(orderReviews)
    .set({ email: ERASED_EMAIL })
    .where(and(inArray(orderReviews.orderId, [...orderIds]), ne(orderReviews.email, ERASED_EMAIL)))
    .returning({ orderId: orderReviews.orderId })
  return rows.length
}
