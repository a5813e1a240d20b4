import { AppError } from '../../../platform/app-error.ts'
import type { EventHandler } from '../../../platform/bus/consumer-registry.ts'
import type { OrderCanceledV1, OrderPlacedV1 } from '../../orders/index.ts'
import { confirmationEmail } from '../domain/order-emails.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import { setShipmentStatus, shipmentsOfOrder } from '../store/shipment-sql.ts'

/** On `orders.order_placed.v1`: the order confirmation e-mail, queued in the event's transaction (key `order_confirmation:<order id>`). */
export const sendOrderConfirmation =
  (c: ProcessingContext): EventHandler =>
  async (event, { tx }) => {
    const { order_id: orderId } = event.payload as unknown as OrderPlacedV1
    const found = await c.orders.getOrder(orderId, tx)
    if (!found.ok) throw new AppError('FULFILLMENT_ORDER_MISSING', `Order ${orderId} was placed but cannot be read.`)
    await c.enqueueEmail(confirmationEmail(found.value, { taxIncluded: c.options.taxIncluded }), tx)
  }

/**
 * On `orders.order_canceled.v1`: parcels not yet picked up are canceled at their carrier (the key
 * derived from the event and the parcel). One already on its way cannot be: it is left to a return.
 */
export const cancelParcels =
  (c: ProcessingContext): EventHandler =>
  async (event, { tx, idempotencyKey }) => {
    const { order_id: orderId } = event.payload as unknown as OrderCanceledV1
    for (const s of await shipmentsOfOrder(tx, orderId, { lock: true })) {
      if (s.status !== 'label_created') continue
      const carrier = c.carriers.get(s.carrier)
      if (!carrier) throw new AppError('FULFILLMENT_UNKNOWN_CARRIER', `Carrier ${s.carrier} of parcel ${s.id} is not configured.`)
      const r = await carrier.cancelShipment({ shipmentId: s.carrierShipmentId, idempotencyKey: idempotencyKey(`cancel:${s.id}`) })
      if (r.ok) await setShipmentStatus(tx, s.id, 'canceled', c.clock.now())
      else if (r.error.code === 'FULFILLMENT_CARRIER_INVALID_STATE')
        c.logger.warn({ orderId, shipment: s.id }, 'parcel already picked up; not canceled')
      else throw new AppError(r.error.code, r.error.message, { cause: r.error })
    }
  }
