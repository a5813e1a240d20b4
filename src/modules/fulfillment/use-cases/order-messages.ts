import { AppError } from '../../../platform/app-error.ts'
import type { EventHandler, Subscription } from '../../../platform/bus/consumer-registry.ts'
import type { OrderCanceledV1, OrderPlacedV1 } from '../../orders/index.ts'
import { confirmationEmail } from '../domain/order-emails.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import { setShipmentStatus } from '../store/shipment-sql.ts'
import { cancelAtCarrier } from './cancel-at-carrier.ts'

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
 * derived from the event and the parcel), outside any transaction (the subscription's `prepare`), and
 * marked canceled in the event's transaction. One already on its way cannot be: it is left to a
 * return. A parcel the booking records after this cancel committed is canceled by the booking itself.
 */
export const cancelParcels = (c: ProcessingContext): Pick<Subscription<readonly string[]>, 'prepare' | 'handle'> => ({
  prepare: (event, { idempotencyKey }) => cancelAtCarrier(c, (event.payload as unknown as OrderCanceledV1).order_id, idempotencyKey),
  handle: async (_event, { tx, prepared }) => {
    for (const id of prepared) await setShipmentStatus(tx, id, 'canceled', c.clock.now())
  },
})
