import { err, ok } from '../../../platform/result.ts'
import type { CustomersApi } from '../contract.ts'
import type { CustomersContext } from '../deps.ts'

export const listOrders =
  (c: CustomersContext): CustomersApi['listOrders'] =>
  async (customerId, page) => {
    const r = await c.orders.list({ customerId, limit: page.limit, ...(page.cursor && { cursor: page.cursor }) })
    if (!r.ok) return err({ code: 'CUSTOMERS_INVALID_INPUT', field: 'cursor', message: r.error.message })
    return ok({ items: r.value.orders, next_cursor: r.value.next_cursor })
  }

/** Every order of the account, page by page (bounded: an export is not a bulk dump). */
export const allOrdersOf = async (c: CustomersContext, customerId: string, max = 10_000): Promise<unknown[]> => {
  const out: unknown[] = []
  let cursor: string | undefined
  do {
    const r = await c.orders.list({ customerId, limit: 100, ...(cursor && { cursor }) })
    if (!r.ok) break
    out.push(...r.value.orders)
    cursor = r.value.next_cursor ?? undefined
  } while (cursor && out.length < max)
  return out
}
