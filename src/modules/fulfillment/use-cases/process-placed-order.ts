import { AppError } from '../../../platform/app-error.ts'
import type { EventHandler } from '../../../platform/bus/consumer-registry.ts'
import type { OrderPlacedV1, StatusChangedV1 } from '../../orders/index.ts'
import { assessRisk } from '../domain/assess-risk.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import { countOrdersByEmail, insertReview, markCaptureDue } from '../store/review-sql.ts'
import { allocateOrder } from './allocate-order.ts'

const HOUR_MS = 3_600_000

/** The note shoppers see on a held order; the reasons stay with staff. */
export const HOLD_NOTE = 'Held for review before shipping'

/**
 * On `orders.order_placed.v1`: the risk rules decide; a doubtful order is put on hold for staff,
 * any other is allocated (parcels booked at the carrier) and, with the `immediate` capture policy,
 * its capture is made due. All in the event's transaction, so it happens once, under the order's
 * lock so that a staff cancel cannot slip in between the status read and the booking.
 */
export const processPlacedOrder =
  (c: ProcessingContext): EventHandler =>
  async (event, { tx, idempotencyKey }) => {
    const { order_id: orderId } = event.payload as unknown as OrderPlacedV1
    // the order's lock until the event's transaction ends: a staff cancel waits for the parcels to be
    // booked, and its order_canceled event then cancels them; or it came first, and nothing is booked
    await c.orders.lockOrder(orderId, tx)
    const found = await c.orders.getOrder(orderId, tx)
    if (!found.ok) throw new AppError('FULFILLMENT_ORDER_MISSING', `Order ${orderId} was placed but cannot be read.`)
    const order = found.value
    if (order.status !== 'placed') return // canceled (or otherwise moved on) before we got to it
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
    const now = c.clock.now()
    const fresh = await insertReview(tx, {
      orderId,
      number: order.number,
      email: order.email,
      country: order.shipping_address.country,
      total: order.total.amount,
      currency: order.currency,
      placedAt,
      decision: reasons.length > 0 ? 'held' : 'allocated',
      reasons,
      decidedAt: now,
    })
    if (!fresh) return
    if (reasons.length > 0) {
      const held = await c.orders.transition({ orderId, field: 'status', to: 'on_hold', note: HOLD_NOTE }, tx)
      if (!held.ok) throw new AppError(held.error.code, held.error.message)
      c.logger.info({ orderId, reasons: reasons.map((r) => r.code) }, 'order held for review')
      return
    }
    await allocateOrder(c, tx, order, idempotencyKey)
    if (c.options.capturePolicy === 'immediate') await markCaptureDue(tx, orderId, now)
  }

/** On `orders.status_changed.v1` from on_hold to placed (staff released it): allocate as above. */
export const processReleasedOrder =
  (c: ProcessingContext): EventHandler =>
  async (event, { tx, idempotencyKey }) => {
    const change = event.payload as unknown as StatusChangedV1
    if (change.field !== 'status' || change.from !== 'on_hold' || change.to !== 'placed') return
    await c.orders.lockOrder(change.order_id, tx)
    const found = await c.orders.getOrder(change.order_id, tx)
    if (!found.ok || found.value.status !== 'placed') return
    await allocateOrder(c, tx, found.value, idempotencyKey)
    if (c.options.capturePolicy === 'immediate') await markCaptureDue(tx, change.order_id, c.clock.now())
  }
