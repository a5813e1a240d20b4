import { canTransition, type StatusField } from '../../orders/index.ts'
import type { SHIPMENT_STATUSES } from '../schema.ts'

export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number]

export type ParcelState = { readonly status: ShipmentStatus; readonly carrier: string; readonly trackingNumber: string }

export type OrderChange = { readonly field: StatusField; readonly to: string; readonly note: string }

/** Handed to the carrier: on its way, or there already. */
export const isShipped = (s: ShipmentStatus): boolean => s === 'in_transit' || s === 'out_for_delivery' || s === 'delivered'

const list = (parcels: readonly ParcelState[]) => parcels.map((p) => `${p.carrier} ${p.trackingNumber}`).join(', ')

/**
 * Where an order's parcels have got to, as moves along its state machine: fulfillment_status goes
 * to partially_fulfilled while some parcels are on their way and to fulfilled when all are; the
 * order is completed when every parcel is delivered. Canceled parcels do not count. Only moves
 * the machine allows from the order's current state are returned, so a late or repeated event
 * never moves an order back.
 */
export const progressOf = (
  order: { readonly status: string; readonly fulfillment_status: string },
  parcels: readonly ParcelState[],
): OrderChange[] => {
  const active = parcels.filter((p) => p.status !== 'canceled')
  const shipped = active.filter((p) => isShipped(p.status))
  if (active.length === 0 || shipped.length === 0) return []
  const changes: OrderChange[] = []
  const all = shipped.length === active.length
  const fulfillment = all ? 'fulfilled' : 'partially_fulfilled'
  if (canTransition('fulfillment_status', order.fulfillment_status, fulfillment)) {
    const note =
      active.length === 1
        ? `Shipped with ${list(shipped)}`
        : `${all ? `All ${active.length}` : `${shipped.length} of ${active.length}`} parcels shipped (${list(shipped)})`
    changes.push({ field: 'fulfillment_status', to: fulfillment, note })
  }
  const delivered = active.every((p) => p.status === 'delivered')
  if (delivered && canTransition('status', order.status, 'completed')) {
    changes.push({ field: 'status', to: 'completed', note: active.length === 1 ? 'Delivered' : `All ${active.length} parcels delivered` })
  }
  return changes
}
