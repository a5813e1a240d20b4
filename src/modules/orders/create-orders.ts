import type { OrdersApi } from './contract.ts'
import type { OrdersDeps } from './deps.ts'
import { createOrder } from './use-cases/create-order.ts'
import { getOrder, getOrderByCart, getOrderForShopper } from './use-cases/get-order.ts'
import { listOrders, listPendingPayment } from './use-cases/list-orders.ts'
import { transition, transitionMany } from './use-cases/transition.ts'

export const createOrders = (d: OrdersDeps): OrdersApi => ({
  createOrder: createOrder(d),
  transition: transition(d),
  transitionMany: transitionMany(d),
  getOrderForShopper: getOrderForShopper(d),
  getOrder: getOrder(d),
  getOrderByCart: getOrderByCart(d),
  listOrders: listOrders(d),
  listPendingPayment: listPendingPayment(d),
})
