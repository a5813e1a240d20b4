import { AppError } from '../../../platform/app-error.ts'
import type { BusEvent, PrepareContext, Subscription } from '../../../platform/bus/consumer-registry.ts'
import type { Order, OrderPlacedV1, StatusChangedV1 } from '../../orders/index.ts'
import { assessRisk } from '../domain/assess-risk.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import { countOrdersByEmail, insertReview, reviewOf } from '../store/review-sql.ts'
import { allocateOrder } from './allocate-order.ts'
import { cancelLiveParcels } from './cancel-at-carrier.ts'

const HOUR_MS = 3_600_000

/** The note shoppers see on a held order; the reasons stay with staff. */
export const HOLD_NOTE = 'Held for review before shipping'

type Processing = Pick<Subscription<void>, 'prepare' | 'handle'>

/**
 * The risk review, once, in one short transaction under the order's lock: a doubtful order is put on
 * hold for staff. Returns the order to allocate: a placed order the review let through (now, or on an
 * earlier attempt that stopped before its parcels were recorded); null for any other.
 */
const reviewOrder = (c: ProcessingContext, event: BusEvent): Promise<Order | null> =>
  c.db.orm.transaction(async (tx) => {
    const { order_id: orderId } = event.payload as unknown as OrderPlacedV1
    await c.orders.lockOrder(orderId, tx)
    const found = await c.orders.getOrder(orderId, tx)
    if (!found.ok) throw new AppError('FULFILLMENT_ORDER_MISSING', `Order ${orderId} was placed but cannot be read.`)
    const order = found.value
    if (order.status !== 'placed') return null // canceled (or otherwise moved on) before we got to it
    const placedAt = event.createdAt
    const earlier = await countOrdersByEmail(tx, {
      email: order.email,
      from: new Date(placedAt.getTime() - HOUR_MS),
      to: placedAt,
      orderId,
    })
    const reasons = assessRisk(c.options.risk, {
      total: order.total.amount,
      currency: order.currency,
      shippingCountry: order.shipping_address.country,
      earlierOrdersByEmail: earlier,
    })
    const decision = reasons.length > 0 ? 'held' : 'allocated'
    const fresh = await insertReview(tx, {
      orderId,
      number: order.number,
      email: order.email,
      country: order.shipping_address.country,
      total: order.total.amount,
      currency: order.currency,
      placedAt,
      decision,
      reasons,
      decidedAt: c.clock.now(),
    })
    if (!fresh) return (await reviewOf(tx, orderId))?.decision === 'allocated' ? order : null
    if (decision === 'allocated') return order
    const held = await c.orders.transition({ orderId, field: 'status', to: 'on_hold', note: HOLD_NOTE }, tx)
    if (!held.ok) throw new AppError(held.error.code, held.error.message)
    c.logger.info({ orderId, reasons: reasons.map((r) => r.code) }, 'order held for review')
    return null
  })

/**
 * The order's parcels canceled at the carrier when the order is canceled: the ones this consumer
 * recorded after the cancel committed (its `order_canceled` event may have found none), also when a
 * crash came between the record and the cancel. A canceled order stays canceled, so reading it
 * without the lock is enough; one canceled after this read has its parcels recorded already, and its
 * own event cancels them.
 */
const cancelIfCanceled = async (c: ProcessingContext, orderId: string, key: (step: string) => string): Promise<void> => {
  const found = await c.orders.getOrder(orderId)
  if (found.ok && found.value.status === 'canceled') await cancelLiveParcels(c, orderId, key)
}

/**
 * On `orders.order_placed.v1`: the risk rules decide; a doubtful order is put on hold for staff, any
 * other is allocated (parcels booked at the carrier, then recorded) and, with the `immediate` capture
 * policy, its capture is made due. The carrier is called outside any transaction, so all of the work
 * is the subscription's `prepare`, in short transactions of its own, each idempotent
 * (docs/processing.md); the bus's transaction only records the event as processed.
 */
export const processPlacedOrder = (c: ProcessingContext): Processing => ({
  prepare: async (event, { idempotencyKey }: PrepareContext) => {
    const { order_id: orderId } = event.payload as unknown as OrderPlacedV1
    const order = await reviewOrder(c, event)
    if (order) await allocateOrder(c, order, idempotencyKey)
    await cancelIfCanceled(c, orderId, idempotencyKey)
  },
  handle: async () => {},
})

/** On `orders.status_changed.v1` from on_hold to placed (staff released it): allocate as above. */
export const processReleasedOrder = (c: ProcessingContext): Processing => ({
  prepare: async (event, { idempotencyKey }: PrepareContext) => {
    const change = event.payload as unknown as StatusChangedV1
    if (change.field !== 'status' || change.from !== 'on_hold' || change.to !== 'placed') return
    const found = await c.orders.getOrder(change.order_id)
    if (found.ok && found.value.status === 'placed') await allocateOrder(c, found.value, idempotencyKey)
    await cancelIfCanceled(c, change.order_id, idempotencyKey)
  },
  handle: async () => {},
})
