import { AppError } from '../../../platform/app-error.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import { setShipmentStatus, shipmentsOfOrder } from '../store/shipment-sql.ts'

/**
 * Cancels at their carrier, outside any transaction, the order's recorded parcels not yet picked up,
 * each with the key `step('cancel:<parcel id>')`; returns the ids of the parcels the carrier canceled
 * (a retry under the same key gets the same answer). One the carrier refuses (picked up meanwhile,
 * or canceled already by another consumer) is left as it is. Any other failure throws.
 */
export const cancelAtCarrier = async (c: ProcessingContext, orderId: string, step: (s: string) => string): Promise<string[]> => {
  const canceled: string[] = []
  for (const s of await shipmentsOfOrder(c.db.orm, orderId)) {
    if (s.status !== 'label_created') continue
    const carrier = c.carriers.get(s.carrier)
    if (!carrier) throw new AppError('FULFILLMENT_UNKNOWN_CARRIER', `Carrier ${s.carrier} of parcel ${s.id} is not configured.`)
    const r = await carrier.cancelShipment({ shipmentId: s.carrierShipmentId, idempotencyKey: step(`cancel:${s.id}`) })
    if (r.ok) canceled.push(s.id)
    else if (r.error.code === 'FULFILLMENT_CARRIER_INVALID_STATE')
      c.logger.warn({ orderId, shipment: s.id }, 'parcel not cancelable at the carrier (picked up, or canceled already); left as it is')
    else throw new AppError(r.error.code, r.error.message, { cause: r.error })
  }
  return canceled
}

/** {@link cancelAtCarrier}, then the parcels the carrier canceled marked canceled (one statement each). */
export const cancelLiveParcels = async (c: ProcessingContext, orderId: string, step: (s: string) => string): Promise<void> => {
  for (const id of await cancelAtCarrier(c, orderId, step)) await setShipmentStatus(c.db.orm, id, 'canceled', c.clock.now())
}
