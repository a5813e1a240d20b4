import { AppError } from '../../../platform/app-error.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { appendEvents } from '../../../platform/outbox/append-event.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { Order, OrdersApi, StatusField } from '../contract.ts'
import type { OrdersDeps } from '../deps.ts'
import { allowedFrom, STATUS_FIELDS } from '../domain/order-state-machine.ts'
import type { OrdersError } from '../errors.ts'
import { transitionEvents } from '../events.ts'
import { appendHistory, appendHistoryRows, moveStatuses } from '../store/move-status.ts'
import { readOrderById } from '../store/read-orders.ts'

type OneTransition = Parameters<OrdersApi['transition']>[0]

const notFound = (id: string): Result<never, OrdersError> => err({ code: 'ORDERS_NOT_FOUND', message: `No order "${id}".` })

const mustRead = async (ex: Executor, id: string): Promise<Order> => {
  const order = await readOrderById(ex, id)
  if (!order) throw new AppError('ORDERS_READ_FAILED', `Order ${id} vanished inside its own transaction.`)
  return order
}

const invalid = (field: StatusField, from: string, to: string): Result<never, OrdersError> =>
  err({ code: 'ORDERS_INVALID_TRANSITION', message: `An order's ${field} cannot move from "${from}" to "${to}".`, field, from, to })

const run = async (d: OrdersDeps, ex: Executor, input: OneTransition): Promise<Result<Order, OrdersError>> => {
  const { orderId, to } = input
  const field: StatusField = input.field
  const now = d.clock.now()
  const allowed = allowedFrom(field, to)
  const [from] = (await moveStatuses(ex, { orderId, moves: [{ field, to, allowed }], now })) ?? []
  if (from === undefined) return notFound(orderId)
  if (from === to) return ok(await mustRead(ex, orderId)) // already there: a no-op success
  if (!allowed.includes(from)) return invalid(field, from, to)
  const note = input.note ?? ''
  const at = await appendHistory(ex, { id: d.newId('hist'), orderId, field, from, to, note, now })
  const order = await mustRead(ex, orderId)
  await appendEvents(ex, transitionEvents(order, { field, from, to, note, at: at.toISOString() }))
  return ok(order)
}

type Change = TransitionInput['changes'][number]
type TransitionInput = {
  readonly orderId: string
  readonly changes: readonly { readonly field: StatusField; readonly to: string; readonly note?: string }[]
}

class Refused extends Error {
  constructor(readonly error: OrdersError) {
    super(error.code)
  }
}

/** Moves every field in one conditional write, then one history insert, one read, one outbox insert. */
const runMany = async (d: OrdersDeps, ex: Executor, input: TransitionInput): Promise<Result<Order, OrdersError>> => {
  const now = d.clock.now()
  const moves = input.changes.map((c) => ({ field: c.field, to: c.to, allowed: allowedFrom(c.field, c.to) }))
  const froms = await moveStatuses(ex, { orderId: input.orderId, moves, now })
  if (!froms) return notFound(input.orderId)
  const moved: { change: Change; from: string }[] = []
  for (const [i, change] of input.changes.entries()) {
    const from = froms[i] as string
    if (from === change.to) continue // already there: nothing to do for this field
    if (!moves[i]?.allowed.includes(from)) return invalid(change.field, from, change.to)
    moved.push({ change, from })
  }
  if (moved.length === 0) return ok(await mustRead(ex, input.orderId))
  const ats = await appendHistoryRows(
    ex,
    moved.map((m) => ({
      id: d.newId('hist'),
      orderId: input.orderId,
      field: m.change.field,
      from: m.from,
      to: m.change.to,
      note: m.change.note ?? '',
      now,
    })),
  )
  const order = await mustRead(ex, input.orderId)
  await appendEvents(
    ex,
    moved.flatMap((m, i) =>
      transitionEvents(order, {
        field: m.change.field,
        from: m.from,
        to: m.change.to,
        note: m.change.note ?? '',
        at: (ats[i] ?? now).toISOString(),
      }),
    ),
  )
  return ok(order)
}

/**
 * Several status moves of one order at once (e.g. payment authorised and order placed), with the
 * statements of one: fewer round trips on the checkout path. All or nothing: in its own
 * transaction a refused move undoes the others; in the caller's, the caller must roll back.
 */
export const transitionMany =
  (d: OrdersDeps): OrdersApi['transitionMany'] =>
  async (input, tx) => {
    const bad = input.changes.find((c) => !STATUS_FIELDS.includes(c.field))
    if (bad)
      return err({
        code: 'ORDERS_INVALID_TRANSITION',
        message: `Orders have no status field "${bad.field}".`,
        field: bad.field,
        from: '',
        to: bad.to,
      })
    const repeated = input.changes.find((c, i) => input.changes.findIndex((o) => o.field === c.field) !== i)
    if (repeated)
      return err({
        code: 'ORDERS_INVALID_TRANSITION',
        message: `Each status field moves at most once in one call; "${repeated.field}" is given twice.`,
        field: repeated.field,
        from: '',
        to: repeated.to,
      })
    if (tx) return runMany(d, tx, input)
    try {
      return await d.db.orm.transaction(async (own) => {
        const r = await runMany(d, own, input)
        if (!r.ok) throw new Refused(r.error)
        return r
      })
    } catch (e) {
      if (e instanceof Refused) return err(e.error)
      throw e
    }
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
