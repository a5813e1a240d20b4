import { AppError } from '../../../platform/app-error.ts'
import type { Executor } from '../../../platform/db/database.ts'
import type { TrackingEvent } from '../carriers/carrier.ts'
import { deliveredEmail, shippedEmail } from '../domain/order-emails.ts'
import { progressOf } from '../domain/order-progress.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import type { WebhookReport } from '../processing-contract.ts'
import { markCaptureDue } from '../store/review-sql.ts'
import { applyEvent, findShipments, recordEvent, type ShipmentRow, shipmentsOfOrder } from '../store/shipment-sql.ts'

/**
 * After new tracking events: the order's fulfillment_status and status follow its parcels (with a
 * history note), a parcel newly on its way gets its "shipped" e-mail and, with the on_fulfillment
 * policy, makes the capture due; the last parcel delivered sends "delivered".
 */
const progressOrder = async (c: ProcessingContext, tx: Executor, orderId: string, before: ReadonlyMap<string, ShipmentRow>) => {
  const parcels = await shipmentsOfOrder(tx, orderId)
  const found = await c.orders.getOrder(orderId, tx)
  if (!found.ok) return
  const order = found.value
  const changes = progressOf(order, parcels)
  if (changes.length > 0) {
    const moved = await c.orders.transitionMany({ orderId, changes }, tx)
    if (!moved.ok) throw new AppError(moved.error.code, moved.error.message)
  }
  const shipped = parcels.filter((p) => p.shippedAt && !before.get(p.id)?.shippedAt)
  for (const p of shipped) {
    await c.inventory.ship({ ref: orderId, locationId: p.locationId }, tx)
    await c.enqueueEmail(shippedEmail(order, p), tx)
  }
  if (shipped.length > 0 && c.options.capturePolicy === 'on_fulfillment') await markCaptureDue(tx, orderId, c.clock.now())
  if (changes.some((ch) => ch.field === 'status' && ch.to === 'completed')) await c.enqueueEmail(deliveredEmail(order), tx)
}

/**
 * Records a carrier's tracking events once each (by event id, and by parcel and seq) and applies
 * the new ones, in one transaction. The parcels of each order are locked first, so two events of
 * one order (a split shipment) are applied one after the other and see each other. Events of
 * parcels we do not know are counted as `unknown` and not kept: the carrier sends them again.
 */
export const ingestTracking =
  (c: ProcessingContext) =>
  (carrier: string, events: readonly TrackingEvent[]): Promise<WebhookReport> =>
    c.db.orm.transaction(async (tx) => {
      const report = { recorded: 0, duplicates: 0, unknown: 0 }
      const known = await findShipments(tx, carrier, [...new Set(events.map((e) => e.shipmentId))])
      const byCarrierId = new Map(known.map((s) => [s.carrierShipmentId, s]))
      report.unknown = events.filter((e) => !byCarrierId.has(e.shipmentId)).length
      for (const orderId of [...new Set(known.map((s) => s.orderId))].sort()) {
        const before = new Map((await shipmentsOfOrder(tx, orderId, { lock: true })).map((s) => [s.id, s]))
        const mine = events.filter((e) => byCarrierId.get(e.shipmentId)?.orderId === orderId).sort((a, b) => a.seq - b.seq)
        let fresh = 0
        for (const e of mine) {
          const parcel = before.get(byCarrierId.get(e.shipmentId)?.id ?? '')
          if (!parcel || !(await recordEvent(tx, parcel, e))) continue
          await applyEvent(tx, parcel.id, e, c.clock.now())
          fresh++
        }
        report.recorded += fresh
        report.duplicates += mine.length - fresh
        if (fresh > 0) await progressOrder(c, tx, orderId, before)
      }
      return report
    })
