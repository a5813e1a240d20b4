import { AppError } from '../../../platform/app-error.ts'
import type { Executor } from '../../../platform/db/database.ts'
import type { Address as OrderAddress, Order } from '../../orders/index.ts'
import type { Address, Carrier } from '../carriers/carrier.ts'
import { parcelGrams, planShipments, serviceFor } from '../domain/plan-shipments.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import { insertShipment, shipmentsOfOrder } from '../store/shipment-sql.ts'

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

/**
 * Books one parcel per stock location the order's committed reservations come from, inside the
 * event's transaction. Each booking carries an idempotency key derived from the event and the
 * location, so a redelivery (after a crash, a failed commit) gets the same parcel back from the
 * carrier instead of a second one; a location that already has a parcel is skipped. A carrier
 * failure throws, so the bus retries the whole delivery.
 */
export const allocateOrder = async (c: ProcessingContext, tx: Executor, order: Order, key: (step: string) => string): Promise<number> => {
  const carrier = bookingCarrier(c)
  const held = (await c.inventory.listReservations(order.id, tx)).filter((r) => r.status === 'committed')
  const plan = planShipments(order.items, held)
  if (plan.length === 0) throw new AppError('FULFILLMENT_NOTHING_TO_SHIP', `Order ${order.id} has no committed stock to ship.`)
  const booked = new Set((await shipmentsOfOrder(tx, order.id)).map((s) => s.locationId))
  let created = 0
  for (const parcel of plan) {
    if (booked.has(parcel.locationId)) continue
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
    await insertShipment(tx, {
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
    })
    created++
  }
  return created
}
