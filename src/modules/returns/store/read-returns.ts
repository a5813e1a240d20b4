import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { Return, ReturnItem } from '../contract.ts'
import { returnItems, returns, returnSteps } from '../schema.ts'

type ReturnRow = typeof returns.$inferSelect
type ItemRow = typeof returnItems.$inferSelect

const money = (amount: number, currency: string) => ({ amount, currency })

const toItem = (i: ItemRow, currency: string): ReturnItem => ({
  id: i.id,
  item_id: i.orderItemId,
  variant_id: i.variantId,
  sku: i.sku,
  title: i.title,
  quantity: i.quantity,
  reason: i.reason,
  refund_amount: money(i.refundAmount, currency),
  exchange_variant_id: i.exchangeVariantId,
  condition: i.condition,
  disposition: i.disposition,
  location_id: i.locationId,
})

const toReturn = (r: ReturnRow, items: ItemRow[], steps: (typeof returnSteps.$inferSelect)[]): Return => ({
  id: r.id,
  order_id: r.orderId,
  order_number: r.orderNumber,
  status: r.status,
  source: r.source,
  items: items.map((i) => toItem(i, r.currency)),
  refund_amount: money(r.refundAmount, r.currency),
  refund_status: r.refundStatus,
  label: r.label
    ? {
        carrier: r.label.carrier,
        tracking_number: r.label.tracking_number,
        tracking_url: r.label.tracking_url,
        label_url: r.label.label_url,
      }
    : null,
  exchange_order_id: r.exchangeOrderId,
  note: r.note,
  rejection_reason: r.rejectionReason,
  steps: steps.map((s) => ({ step: s.step, note: s.note, at: s.at.toISOString() })),
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})

/** Completes return rows with their items and steps: two more queries whatever the count. */
const load = async (ex: Executor, rows: ReturnRow[]): Promise<Return[]> => {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const items = await ex.select().from(returnItems).where(inArray(returnItems.returnId, ids)).orderBy(asc(returnItems.id))
  const steps = await ex
    .select()
    .from(returnSteps)
    .where(inArray(returnSteps.returnId, ids))
    .orderBy(asc(returnSteps.at), asc(returnSteps.id))
  return rows.map((r) =>
    toReturn(
      r,
      items.filter((i) => i.returnId === r.id),
      steps.filter((s) => s.returnId === r.id),
    ),
  )
}

export const readReturn = async (ex: Executor, id: string, o: { lock?: boolean } = {}): Promise<Return | null> => {
  const q = ex.select().from(returns).where(eq(returns.id, id)).limit(1)
  const rows = o.lock ? await q.for('update') : await q
  return (await load(ex, rows))[0] ?? null
}

export const returnsOfOrder = async (ex: Executor, orderId: string): Promise<Return[]> =>
  load(
    ex,
    await ex
      .select()
      .from(returns)
      .where(or(eq(returns.orderId, orderId), eq(returns.exchangeOrderId, orderId)))
      .orderBy(asc(returns.createdAt), asc(returns.id)),
  )

/** Units of each order item in returns that were not rejected. */
export const returnedUnits = async (ex: Executor, orderId: string): Promise<Map<string, number>> => {
  const rows = await ex
    .select({ itemId: returnItems.orderItemId, quantity: returnItems.quantity, status: returns.status })
    .from(returnItems)
    .innerJoin(returns, eq(returns.id, returnItems.returnId))
    .where(eq(returnItems.orderId, orderId))
  const m = new Map<string, number>()
  for (const r of rows) if (r.status !== 'rejected') m.set(r.itemId, (m.get(r.itemId) ?? 0) + r.quantity)
  return m
}

export type Page = { readonly after?: { readonly at: Date; readonly id: string }; readonly limit: number }

/** Newest first, keyset-paginated. */
export const pageOfReturns = async (ex: Executor, where: SQL | undefined, page: Page): Promise<Return[]> => {
  const after = page.after
    ? or(lt(returns.createdAt, page.after.at), and(eq(returns.createdAt, page.after.at), lt(returns.id, page.after.id)))
    : undefined
  const rows = await ex.select().from(returns).where(and(where, after)).orderBy(desc(returns.createdAt), desc(returns.id)).limit(page.limit)
  return load(ex, rows)
}

/** Units of each order item in returns that arrived (received or completed). */
export const receivedUnits = async (ex: Executor, orderId: string): Promise<Map<string, number>> => {
  const rows = await ex
    .select({ itemId: returnItems.orderItemId, quantity: returnItems.quantity })
    .from(returnItems)
    .innerJoin(returns, eq(returns.id, returnItems.returnId))
    .where(and(eq(returnItems.orderId, orderId), inArray(returns.status, ['received', 'completed'])))
  const m = new Map<string, number>()
  for (const r of rows) m.set(r.itemId, (m.get(r.itemId) ?? 0) + r.quantity)
  return m
}
