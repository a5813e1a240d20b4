import { err, ok } from '../../../platform/result.ts'
import type { OrdersApi } from '../contract.ts'
import type { OrdersDeps } from '../deps.ts'
import { appendHistory, currentStatus } from '../store/move-status.ts'

/** A `return` history row (the step's name as its value); no status field moves, no outbox event (returns emits its own). */
export const recordReturnStep =
  (d: OrdersDeps): OrdersApi['recordReturnStep'] =>
  async (input, tx) => {
    const run = async (ex: NonNullable<typeof tx>) => {
      if ((await currentStatus(ex, input.orderId, 'status')) === null)
        return err({ code: 'ORDERS_NOT_FOUND' as const, message: `No order "${input.orderId}".` })
      const now = d.clock.now()
      await appendHistory(ex, {
        id: d.newId('hist'),
        orderId: input.orderId,
        field: 'return',
        from: null,
        to: input.step,
        note: input.note ?? '',
        now,
      })
      return ok(null)
    }
    return tx ? run(tx) : d.db.orm.transaction(run)
  }
