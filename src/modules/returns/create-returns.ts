import type { ReturnsApi } from './contract.ts'
import type { ReturnsDeps } from './deps.ts'
import { approveReturn, rejectReturn } from './use-cases/approve-return.ts'
import { createLabel } from './use-cases/create-label.ts'
import { eraseReturns } from './use-cases/erase-returns.ts'
import { getReturn, listForOrder, listReturns } from './use-cases/read-returns.ts'
import { receiveReturn } from './use-cases/receive-return.ts'
import { refundReturn } from './use-cases/refund-return.ts'
import { requestReturn } from './use-cases/request-return.ts'

export const createReturns = (d: ReturnsDeps): ReturnsApi => ({
  requestReturn: requestReturn(d),
  approveReturn: approveReturn(d),
  rejectReturn: rejectReturn(d),
  createLabel: createLabel(d),
  receiveReturn: receiveReturn(d),
  refundReturn: refundReturn(d),
  getReturn: getReturn(d),
  listForOrder: listForOrder(d),
  listReturns: listReturns(d),
  eraseForOrders: eraseReturns(d),
})
