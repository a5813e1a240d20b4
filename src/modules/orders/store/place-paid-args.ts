import { newId } from '../../../platform/ids/new-id.ts'
import { allowedFrom } from '../domain/order-state-machine.ts'

// the state machine does not change while the process runs, so these are worked out once
const paymentAllowed = JSON.stringify(allowedFrom('payment_status', 'authorized'))
const statusAllowed = JSON.stringify(allowedFrom('status', 'placed'))

/**
 * The arguments of the database function `orders.place_paid` (migration 0012), which moves an
 * order to authorized / placed in the statement that settles a paid checkout: the moves the state
 * machine allows, and the ids of the history rows and outbox events it may write. The event ids
 * ascend a millisecond apart, as appendEvents gives them, so the relay keeps their order.
 */
export const placePaidArgs = (newHistoryId: () => string) => {
  const base = Date.now()
  return {
    paymentAllowed,
    statusAllowed,
    historyIds: JSON.stringify([newHistoryId(), newHistoryId()]),
    eventIds: JSON.stringify([0, 1, 2].map((i) => newId('evt', base + i))),
  }
}
