import { eq } from 'drizzle-orm'
import { AppError } from '../../../platform/app-error.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { appendEvents } from '../../../platform/outbox/append-event.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { Order, OrdersApi, StatusField } from '../contract.ts'
import type { OrdersDeps } from '../deps.ts'
import { allowedFrom, STATUS_FIELDS } from '../domain/order-state-machine.ts'
import type { OrdersError } from '../errors.ts'
import { transitionEvents } from '../events.ts'
import { appendHistory, currentStatus, moveStatus } from '../store/move-status.ts'
import { readOrder } from '../store/read-orders.ts'
import { orders } from '../schema.ts'

type TransitionInput = Parameters<OrdersApi['transition']>[0]

const notFound = (id: string): Result<never, OrdersError> => err({ code: 'ORDERS_NOT_FOUND', message: `No order "${id}".` })

const mustRead = async (ex: Executor, id: string): Promise<Order> => {
  const order = await readOrder(ex, eq(orders.id, id))
  if (!order) throw new AppError('ORDERS_READ_FAILED', `Order ${id} vanished inside its own transaction.`)
  return order
}

/** Nothing moved: the order is missing, already there (a no-op success), or the move is not allowed. */
const explain = async (ex: Executor, input: TransitionInput): Promise<Result<Order, OrdersError>> => {
  const { orderId, field, to } = input
  const from = await currentStatus(ex, orderId, field)
  if (from === null) return notFound(orderId)
  if (from === to) return ok(await mustRead(ex, orderId))
  return err({ code: 'ORDERS_INVALID_TRANSITION', message: `An order's ${field} cannot move from "${from}" to "${to}".`, field, from, to })
}

const run = async (d: OrdersDeps, ex: Executor, input: TransitionInput): Promise<Result<Order, OrdersError>> => {
  const { orderId, to } = input
  const field: StatusField = input.field
  const now = d.clock.now()
  const moved = await moveStatus(ex, { orderId, field, to, allowed: allowedFrom(field, to), now })
  if (!moved) return explain(ex, input)
  const note = input.note ?? ''
  const at = await appendHistory(ex, { id: d.newId('hist'), orderId, field, from: moved.from, to, note, now })
  const order = await mustRead(ex, orderId)
  await appendEvents(ex, transitionEvents(order, { field, from: moved.from, to, note, at: at.toISOString() }))
  return ok(order)
}

/**
 * Moves one status field along its state machine: one conditional UPDATE, a history row and
 * outbox events, in the caller's transaction or a new one. Nothing is written unless it moves.
 */
export const transition =
  (d: OrdersDeps): OrdersApi['transition'] =>
  async (input, tx) => {
    if (!STATUS_FIELDS.includes(input.field)) {
      return err({
        code: 'ORDERS_INVALID_TRANSITION',
        message: `Orders have no status field "${input.field}".`,
        field: input.field,
        from: '',
        to: input.to,
      })
    }
    return tx ? run(d, tx, input) : d.db.orm.transaction((own) => run(d, own, input))
  }
