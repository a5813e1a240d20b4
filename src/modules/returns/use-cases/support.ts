import { sql } from 'drizzle-orm'
import { AppError } from '../../../platform/app-error.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { appendEvents } from '../../../platform/outbox/append-event.ts'
import { err, type Result } from '../../../platform/result.ts'
import type { Order } from '../../orders/index.ts'
import type { Return } from '../contract.ts'
import type { ReturnsDeps } from '../deps.ts'
import type { OrderFacts } from '../domain/return-policy.ts'
import type { Recipient } from '../domain/return-emails.ts'
import type { ReturnsError } from '../errors.ts'
import { returnEvent, type ReturnsTopic } from '../events.ts'
import { readReturn } from '../store/read-returns.ts'
import { appendStep } from '../store/write-returns.ts'

export const notFound = (id: string): Result<never, ReturnsError> => err({ code: 'RETURNS_NOT_FOUND', message: `No return "${id}".` })

export const invalidState = (r: Return, doing: string): Result<never, ReturnsError> =>
  err({ code: 'RETURNS_INVALID_STATE', message: `A ${r.status} return cannot be ${doing}.`, status: r.status })

/** A refusal inside a transaction that must roll back what was written before it. */
export class Refused extends Error {
  constructor(readonly error: ReturnsError) {
    super(error.code)
  }
}

/** Runs `work` in a transaction; a `Refused` rolls it back and comes out as the error value. */
export const inTransaction = async <T>(
  d: ReturnsDeps,
  work: (tx: Executor) => Promise<Result<T, ReturnsError>>,
): Promise<Result<T, ReturnsError>> => {
  try {
    return await d.db.orm.transaction(async (tx) => {
      const r = await work(tx)
      if (!r.ok) throw new Refused(r.error)
      return r
    })
  } catch (e) {
    if (e instanceof Refused) return err(e.error)
    throw e
  }
}

/** Serialises the return requests of one order (a transaction-scoped advisory lock), so two never over-return an item. */
export const lockOrderReturns = async (tx: Executor, orderId: string): Promise<void> => {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`returns:${orderId}`}))`)
}

export const mustRead = async (ex: Executor, id: string): Promise<Return> => {
  const r = await readReturn(ex, id)
  if (!r) throw new AppError('RETURNS_WRITE_FAILED', `Return ${id} vanished inside its own transaction.`)
  return r
}

/**
 * One step of a return, everywhere it shows: the return's steps, the order's history (field
 * `return`), and the outbox event, in `tx`.
 */
export const recordStep = async (
  d: ReturnsDeps,
  tx: Executor,
  s: {
    readonly returnId: string
    readonly step: string
    readonly note: string
    readonly topic?: ReturnsTopic
    readonly orderIds?: readonly string[]
  },
): Promise<Return> => {
  await appendStep(tx, { id: d.newId('rstep'), returnId: s.returnId, step: s.step, note: s.note, now: d.clock.now() })
  const r = await mustRead(tx, s.returnId)
  for (const orderId of s.orderIds ?? [r.order_id]) {
    const h = await d.orders.recordReturnStep({ orderId, step: s.step, note: `${r.id}: ${s.note}`.slice(0, 500) }, tx)
    if (!h.ok) throw new AppError('RETURNS_ORDER_WRITE_FAILED', h.error.message)
  }
  if (s.topic) await appendEvents(tx, [returnEvent(s.topic, r)])
  return r
}

export const recipientOf = (o: Pick<Order, 'email' | 'shipping_address'>): Recipient => ({ email: o.email, name: o.shipping_address.name })

export const loadOrder = async (d: ReturnsDeps, orderId: string, tx?: Executor): Promise<Result<Order, ReturnsError>> => {
  const r = await d.orders.getOrder(orderId, tx)
  return r.ok ? r : err({ code: 'RETURNS_ORDER_NOT_FOUND', message: `No order "${orderId}".` })
}

/** The order as the policy sees it; delivered when its status last moved to completed. */
export const orderFacts = (o: Order): OrderFacts => ({
  id: o.id,
  status: o.status,
  fulfillmentStatus: o.fulfillment_status,
  placedAt: o.created_at,
  deliveredAt: [...o.history].reverse().find((h) => h.field === 'status' && h.status === 'completed')?.at ?? null,
  total: o.total.amount,
  shippingTotal: o.shipping_total.amount,
  items: o.items.map((i) => ({
    id: i.id,
    variantId: i.variant_id,
    quantity: i.quantity,
    unitPrice: i.unit_price.amount,
    total: i.total.amount,
  })),
})
