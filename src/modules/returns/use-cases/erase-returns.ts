import type { ReturnsApi } from '../contract.ts'
import type { ReturnsDeps } from '../deps.ts'
import { eraseReturnsOf } from '../store/erase-returns.ts'

/** GDPR erasure of the returns of a customer's orders, in the erasure's transaction when given. */
export const eraseReturns =
  (d: ReturnsDeps): ReturnsApi['eraseForOrders'] =>
  async ({ orderIds }, tx) =>
    eraseReturnsOf(tx ?? d.db.orm, orderIds, d.clock.now())
