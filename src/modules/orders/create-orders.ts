import type { OrdersApi } from './contract.ts'
import type { OrdersDeps } from './deps.ts'
import { createOrder, prepareOrder } from './use-cases/create-order.ts'
import { anonymiseCustomerOrders, attachGuestOrders } from './use-cases/customer-orders.ts'
import { getOrder, getOrderByCart, getOrderForShopper } from './use-cases/get-order.ts'
import { lockOrder } from './store/lock-order.ts'
import { listOrders, listPendingPayment } from './use-cases/list-orders.ts'
import { recordReturnStep } from './use-cases/record-return-step.ts'
import { transition, transitionMany } from './use-cases/transition.ts'

export const createOrders = (d: OrdersDeps): OrdersApi => ({
  createOrder: createOrder(d),
  prepareOrder: prepareOrder(d),
  transition: transition(d),
  transitionMany: transitionMany(d),
  recordReturnStep: recordReturnStep(d),
  getOrderForShopper: getOrderForShopper(d),
  getOrder: getOrder(d),
  lockOrder,
  getOrderByCart: getOrderByCart(d),
  listOrders: listOrders(d),
  listPendingPayment: listPendingPayment(d),
  attachGuestOrders: attachGuestOrders(d),
  anonymiseCustomerOrders: anonymiseCustomerOrders(d),
})
