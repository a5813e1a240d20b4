import { err, ok } from '../../../platform/result.ts'
import type { OrdersApi } from '../contract.ts'
import type { OrdersDeps } from '../deps.ts'
import { decodeOrderCursor, encodeOrderCursor } from '../domain/order-cursor.ts'
import { findOrderRows, findPendingPayment } from '../store/find-orders.ts'
import { loadOrders } from '../store/read-orders.ts'

export const MAX_PAGE = 100

/** Staff list: newest first, keyset-paginated by (created_at, id), three queries per page. */
export const listOrders =
  (d: OrdersDeps): OrdersApi['listOrders'] =>
  async (f) => {
    const after = f.cursor ? decodeOrderCursor(f.cursor) : undefined
    if (after === null) return err({ code: 'ORDERS_INVALID_CURSOR', message: 'The cursor is malformed.' })
    const limit = Math.min(Math.max(Math.trunc(f.limit) || 1, 1), MAX_PAGE)
    const filter = {
      ...(f.status && { status: f.status }),
      ...(f.paymentStatus && { paymentStatus: f.paymentStatus }),
      ...(f.fulfillmentStatus && { fulfillmentStatus: f.fulfillmentStatus }),
      ...(f.email && { email: f.email.trim().toLowerCase() }),
      ...(f.customerId && { customerId: f.customerId }),
    }
    const rows = await findOrderRows(d.db.orm, filter, limit, after)
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    const next = rows.length > limit && last ? encodeOrderCursor({ t: last.createdAt.toISOString(), id: last.id }) : null
    return ok({ orders: await loadOrders(d.db.orm, page), next_cursor: next })
  }

export const listPendingPayment =
  (d: OrdersDeps): OrdersApi['listPendingPayment'] =>
  async (olderThan, limit) =>
    (await findPendingPayment(d.db.orm, olderThan, Math.min(Math.max(Math.trunc(limit) || 1, 1), 1000))).map((r) => ({
      id: r.id,
      total: { amount: r.total, currency: r.currency },
      paymentProvider: r.paymentProvider,
    }))
