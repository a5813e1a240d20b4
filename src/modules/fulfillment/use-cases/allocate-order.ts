import { AppError } from '../../../platform/app-error.ts'
import type { Address as OrderAddress, Order } from '../../orders/index.ts'
import type { Address, Carrier } from '../carriers/carrier.ts'
import { parcelGrams, planShipments, serviceFor } from '../domain/plan-shipments.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import type { shipments } from '../schema.ts'
import { markCaptureDue } from '../store/review-sql.ts'
import { insertShipment, shipmentsOfOrder } from '../store/shipment-sql.ts'

type Key = (step: string) => string
type NewParcel = typeof shipments.$inferInsert

const toAddress = (a: OrderAddress): Address => ({
  country: a.country,
  name: a.name,
  line1: a.line1,
  city: a.city,
  postalCode: a.postal_code,
  ...(a.line2 && { line2: a.line2 }),
})

/** The carrier that books parcels: the first one configured. */
export const bookingCarrier = (c: ProcessingContext): Carrier => {
  const first = c.options.carriers[0]
  const carrier = first && c.carriers.get(first.name)
  if (!carrier) throw new AppError('FULFILLMENT_NO_CARRIER', 'No carrier is configured (CARRIERS).')
  return carrier
}

type Planned = ReturnType<typeof planShipments>[number]

/** One parcel booked at the carrier under the key derived from the event and its location; the row to record. */
const bookParcel = async (c: ProcessingContext, order: Order, parcel: Planned, key: Key): Promise<NewParcel> => {
  const carrier = bookingCarrier(c)
  const grams = parcelGrams(parcel.units)
  const r = await carrier.createShipment({
    reference: order.id,
    service: serviceFor(order.shipping_option?.name, grams),
    from: c.options.shipFrom,
    to: toAddress(order.shipping_address),
    weightGrams: grams,
    idempotencyKey: key(`shipment:${parcel.locationId}`),
  })
  if (!r.ok) throw new AppError(r.error.code, r.error.message, { cause: r.error })
  const s = r.value
  const now = c.clock.now()
  return {
    id: c.newId(),
    orderId: order.id,
    locationId: parcel.locationId,
    carrier: carrier.name,
    carrierShipmentId: s.id,
    trackingNumber: s.trackingNumber,
    trackingUrl: carrier.trackingUrl({ id: s.id, trackingNumber: s.trackingNumber }),
    labelUrl: s.labelUrl,
    service: s.service,
    status: s.status,
    items: parcel.items,
    createdAt: now,
    updatedAt: now,
  }
}

/**
 * Books at the carrier, outside any transaction, one parcel per stock location the order's committed
 * reservations come from and that has no recorded parcel yet. Each booking carries an idempotency key
 * derived from the event and the location, so a redelivery gets the same parcel back instead of a
 * second one. A carrier failure throws (the bus retries). Nothing is recorded here.
 */
const bookParcels = async (c: ProcessingContext, order: Order, key: Key): Promise<NewParcel[]> => {
  bookingCarrier(c) // no carrier configured: fail before anything else
  const held = (await c.inventory.listReservations(order.id)).filter((r) => r.status === 'committed')
  const plan = planShipments(order.items, held)
  if (plan.length === 0) {
    // a cancel gave the stock back since the order was read: nothing to ship, nothing to retry
    const now = await c.orders.getOrder(order.id)
    if (now.ok && now.value.status === 'canceled') return []
    throw new AppError('FULFILLMENT_NOTHING_TO_SHIP', `Order ${order.id} has no committed stock to ship.`)
  }
  const booked = new Set((await shipmentsOfOrder(c.db.orm, order.id)).map((s) => s.locationId))
  const parcels: NewParcel[] = []
  for (const parcel of plan) if (!booked.has(parcel.locationId)) parcels.push(await bookParcel(c, order, parcel, key))
  return parcels
}

/**
 * Records the booked parcels in one short transaction under the order's lock (a staff cancel takes it
 * too), whatever the order's status is now, so no booked parcel goes unrecorded; a location that has
 * a parcel already keeps it. With the `immediate` capture policy a still placed order's capture is
 * made due.
 */
const recordParcels = (c: ProcessingContext, orderId: string, parcels: readonly NewParcel[]): Promise<void> =>
  c.db.orm.transaction(async (tx) => {
    await c.orders.lockOrder(orderId, tx)
    const found = await c.orders.getOrder(orderId, tx)
    if (!found.ok) throw new AppError('FULFILLMENT_ORDER_MISSING', `Order ${orderId} cannot be read.`)
    for (const p of parcels) await insertShipment(tx, p)
    if (found.value.status === 'placed' && c.options.capturePolicy === 'immediate') await markCaptureDue(tx, orderId, c.clock.now())
  })

/**
 * Allocates an order that was `placed` when last read: books its parcels at the carrier outside any
 * transaction ({@link bookParcels}), then records them under the order's lock ({@link recordParcels}).
 * A staff cancel never waits for the carrier; parcels recorded after it committed are the caller's to
 * cancel (see `cancelIfCanceled`). Both steps are idempotent, so a retry or a redelivery (after a
 * crash anywhere in between) finishes the work without a second parcel.
 */
export const allocateOrder = async (c: ProcessingContext, order: Order, key: Key): Promise<void> => {
  await recordParcels(c, order.id, await bookParcels(c, order, key))
}
