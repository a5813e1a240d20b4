import { eq } from 'drizzle-orm'
import { err, ok, type Result } from '../../../platform/result.ts'
import { accessTokenMatches } from '../access-token.ts'
import type { OrdersApi } from '../contract.ts'
import type { OrdersDeps } from '../deps.ts'
import type { OrdersError } from '../errors.ts'
import { orders } from '../schema.ts'
import { readOrder, readOrderAndRowById, readOrderById } from '../store/read-orders.ts'

const notFound = (id: string): Result<never, OrdersError> => err({ code: 'ORDERS_NOT_FOUND', message: `No order "${id}".` })

export const getOrder =
  (d: OrdersDeps): OrdersApi['getOrder'] =>
  async (id, tx) => {
    const order = await readOrderById(tx ?? d.db.orm, id)
    return order ? ok(order) : notFound(id)
  }

export const getOrderByCart =
  (d: OrdersDeps): OrdersApi['getOrderByCart'] =>
  (cartId, tx) =>
    readOrder(tx ?? d.db.orm, eq(orders.cartId, cartId))

/**
 * The shopper's view: the order's access token (compared by hash, in constant time) or the
 * owning customer's id opens it; to anyone else it does not exist, whether or not it does.
 */
export const getOrderForShopper =
  (d: OrdersDeps): OrdersApi['getOrderForShopper'] =>
  async ({ id, accessToken, customerId }) => {
    if (!accessToken && !customerId) return notFound(id)
    const found = await readOrderAndRowById(d.db.orm, id)
    if (!found) return notFound(id)
    const byToken = accessToken ? accessTokenMatches(accessToken, found.row.accessTokenHash) : false
    const byCustomer = customerId !== undefined && customerId !== '' && found.row.customerId === customerId
    return byToken || byCustomer ? ok(found.order) : notFound(id)
  }
