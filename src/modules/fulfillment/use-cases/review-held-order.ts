import { AppError } from '../../../platform/app-error.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { Order } from '../../orders/index.ts'
import type { ProcessingError } from '../errors.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import type { HeldOrder } from '../processing-contract.ts'
import { heldReviews, lockReview, type ReviewRow, setDecision } from '../store/review-sql.ts'

type Input = { readonly orderId: string; readonly note?: string }

const notFound = (orderId: string): Result<never, ProcessingError> =>
  err({ code: 'FULFILLMENT_ORDER_NOT_FOUND', message: `No order "${orderId}".` })
const notHeld = (o: Order): Result<never, ProcessingError> =>
  err({
    code: 'FULFILLMENT_ORDER_NOT_HELD',
    message: `Order ${o.number} is ${o.status.replace('_', ' ')}, not held for review.`,
    status: o.status,
  })

const isHeld = (review: ReviewRow | null, o: Order) => review?.decision === 'held' && o.status === 'on_hold'

export const listHeld = (c: ProcessingContext) => async (): Promise<HeldOrder[]> =>
  (await heldReviews(c.db.orm, 500)).map((r) => ({
    order_id: r.orderId,
    number: r.number,
    email: r.email,
    country: r.country,
    total: { amount: r.total, currency: r.currency },
    placed_at: r.placedAt.toISOString(),
    reasons: r.reasons as HeldOrder['reasons'],
  }))

/** Back to placed; the consumer of that change allocates and ships it. */
export const releaseHeld =
  (c: ProcessingContext) =>
  ({ orderId, note }: Input): Promise<Result<Order, ProcessingError>> =>
    c.db.orm.transaction(async (tx) => {
      const review = await lockReview(tx, orderId)
      const found = await c.orders.getOrder(orderId, tx)
      if (!found.ok) return notFound(orderId)
      if (!isHeld(review, found.value)) return notHeld(found.value)
      const moved = await c.orders.transition({ orderId, field: 'status', to: 'placed', note: note ?? 'Released after review' }, tx)
      if (!moved.ok) throw new AppError(moved.error.code, moved.error.message)
      await setDecision(tx, orderId, 'released', c.clock.now())
      return ok(moved.value)
    })

/**
 * Canceled: stock and promotion uses go back and the order is canceled in one transaction, then the
 * authorisation is voided. If voiding fails the order stays canceled with its payment authorised,
 * and calling this again voids it.
 */
export const cancelHeld =
  (c: ProcessingContext) =>
  async ({ orderId, note }: Input): Promise<Result<Order, ProcessingError>> => {
    const why = note ?? 'Canceled after review'
    const first = await c.db.orm.transaction(async (tx): Promise<Result<Order, ProcessingError>> => {
      const review = await lockReview(tx, orderId)
      const found = await c.orders.getOrder(orderId, tx)
      if (!found.ok) return notFound(orderId)
      if (review?.decision === 'canceled' && found.value.status === 'canceled') return ok(found.value)
      if (!isHeld(review, found.value)) return notHeld(found.value)
      await c.inventory.release({ ref: orderId, includeCommitted: true }, tx)
      await c.releasePromotions(orderId, tx)
      const moved = await c.orders.transition({ orderId, field: 'status', to: 'canceled', note: why }, tx)
      if (!moved.ok) throw new AppError(moved.error.code, moved.error.message)
      await setDecision(tx, orderId, 'canceled', c.clock.now())
      return ok(moved.value)
    })
    if (!first.ok) return first
    let order = first.value
    if (order.payment_status === 'authorized') {
      const voided = await c.payments.void(orderId)
      if (!voided.ok) return err({ code: 'FULFILLMENT_PAYMENT_FAILED', message: voided.error.message, reason: voided.error.code })
      const moved = await c.orders.transition({ orderId, field: 'payment_status', to: 'voided', note: why })
      if (moved.ok) order = moved.value
    }
    await c.inventory.refreshAvailability(order.items.map((i) => i.variant_id))
    return ok(order)
  }
