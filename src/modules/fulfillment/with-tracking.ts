import type { Executor } from '../../platform/db/database.ts'
import type { Order, OrdersApi } from '../orders/index.ts'
import type { OrderTracking } from './processing-contract.ts'

/**
 * The orders API as the HTTP edge shows it: an order read by id carries its parcels' tracking
 * (API.md's `tracking[]`). Orders cannot import fulfillment, so app.ts wraps the API for its routes.
 */
export const withTracking = (orders: OrdersApi, trackingFor: (orderId: string, tx?: Executor) => Promise<OrderTracking[]>): OrdersApi => {
  const add = async (o: Order, tx?: Executor): Promise<Order> => ({ ...o, tracking: await trackingFor(o.id, tx) })
  return {
    ...orders,
    getOrder: async (id, tx) => {
      const r = await orders.getOrder(id, tx)
      return r.ok ? { ok: true, value: await add(r.value, tx) } : r
    },
    getOrderForShopper: async (input) => {
      const r = await orders.getOrderForShopper(input)
      return r.ok ? { ok: true, value: await add(r.value) } : r
    },
  }
}
