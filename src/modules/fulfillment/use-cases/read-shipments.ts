import type { Executor } from '../../../platform/db/database.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import type { OrderTracking, Shipment } from '../processing-contract.ts'
import { eventsOfOrders, shipmentsOfOrder } from '../store/shipment-sql.ts'

export const listShipments =
  (c: ProcessingContext) =>
  async (orderId: string): Promise<Shipment[]> => {
    const [parcels, events] = await Promise.all([shipmentsOfOrder(c.db.orm, orderId), eventsOfOrders(c.db.orm, [orderId])])
    return parcels.map((s) => ({
      id: s.id,
      order_id: s.orderId,
      location_id: s.locationId,
      carrier: s.carrier,
      carrier_shipment_id: s.carrierShipmentId,
      tracking_number: s.trackingNumber,
      tracking_url: s.trackingUrl,
      label_url: s.labelUrl,
      service: s.service,
      status: s.status,
      items: s.items,
      created_at: s.createdAt.toISOString(),
      shipped_at: s.shippedAt?.toISOString() ?? null,
      delivered_at: s.deliveredAt?.toISOString() ?? null,
      events: events
        .filter((e) => e.shipmentId === s.id)
        .map((e) => ({ seq: e.seq, status: e.status, description: e.description, occurred_at: e.occurredAt.toISOString() })),
    }))
  }

export const trackingFor =
  (c: ProcessingContext) =>
  async (orderId: string, tx?: Executor): Promise<OrderTracking[]> =>
    (await shipmentsOfOrder(tx ?? c.db.orm, orderId))
      .filter((s) => s.status !== 'canceled')
      .map((s) => ({ carrier: s.carrier, number: s.trackingNumber, url: s.trackingUrl }))
