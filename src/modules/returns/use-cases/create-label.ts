import { ok, err, type Result } from '../../../platform/result.ts'
import type { Return } from '../contract.ts'
import type { ReturnsDeps } from '../deps.ts'
import type { ReturnsError } from '../errors.ts'
import { RETURNS_TOPICS } from '../events.ts'
import { readReturn } from '../store/read-returns.ts'
import { setLabelOnce } from '../store/write-returns.ts'
import { invalidState, notFound, recordStep } from './support.ts'

/**
 * The carrier's return label for an approved return: booked against the order's outbound parcel
 * with a key derived from the return, so asking twice (or two staff at once) books one label.
 * The carrier call runs outside any transaction; the label is stored once.
 */
export const createLabel =
  (d: ReturnsDeps) =>
  async (input: { readonly returnId: string }): Promise<Result<Return, ReturnsError>> => {
    const r = await readReturn(d.db.orm, input.returnId)
    if (!r) return notFound(input.returnId)
    if (r.label) return ok(r)
    if (r.status !== 'approved') return invalidState(r, 'given a label')
    const parcel = (await d.shipments(r.order_id)).find((s) => s.status !== 'canceled')
    const carrier = parcel && d.carriers.get(parcel.carrier)
    if (!parcel || !carrier)
      return err({ code: 'RETURNS_NO_SHIPMENT', message: 'The order has no parcel at a configured carrier to return.' })
    const booked = await carrier.createReturnLabel({ shipmentId: parcel.carrier_shipment_id, idempotencyKey: `return_label_${r.id}` })
    if (!booked.ok)
      return err({ code: 'RETURNS_CARRIER_FAILED', message: `The carrier could not make a return label: ${booked.error.message}` })
    const s = booked.value
    const label = {
      carrier: parcel.carrier,
      carrier_shipment_id: s.id,
      tracking_number: s.trackingNumber,
      tracking_url: carrier.trackingUrl({ id: s.id, trackingNumber: s.trackingNumber }),
      label_url: s.labelUrl,
    }
    return ok(
      await d.db.orm.transaction(async (tx) => {
        if (!(await setLabelOnce(tx, r.id, label, d.clock.now()))) return (await readReturn(tx, r.id)) as Return
        return recordStep(d, tx, {
          returnId: r.id,
          step: 'label_created',
          note: `Return label ${parcel.carrier} ${s.trackingNumber}`,
          topic: RETURNS_TOPICS.labelCreated,
        })
      }),
    )
  }
