import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { TrackingEvent } from '../carriers/carrier.ts'
import { isShipped } from '../domain/order-progress.ts'
import { shipments, trackingEvents } from '../schema.ts'

export type ShipmentRow = typeof shipments.$inferSelect
export type TrackingRow = typeof trackingEvents.$inferSelect

const OPEN = ['label_created', 'in_transit', 'out_for_delivery'] as const

/** Records a parcel booked at the carrier; false when the order already has one from that location. */
export const insertShipment = async (ex: Executor, row: typeof shipments.$inferInsert): Promise<boolean> =>
  (await ex.insert(shipments).values(row).onConflictDoNothing().returning({ id: shipments.id })).length > 0

/** An order's parcels in id order; `lock` takes their row locks, so one transaction at a time moves the order along. */
export const shipmentsOfOrder = (ex: Executor, orderId: string, o: { readonly lock?: boolean } = {}): Promise<ShipmentRow[]> => {
  const q = ex.select().from(shipments).where(eq(shipments.orderId, orderId)).orderBy(asc(shipments.id))
  return o.lock ? q.for('update') : q
}

export const shipmentsOfOrders = (ex: Executor, orderIds: readonly string[]): Promise<ShipmentRow[]> =>
  orderIds.length === 0
    ? Promise.resolve([])
    : ex
        .select()
        .from(shipments)
        .where(inArray(shipments.orderId, [...orderIds]))
        .orderBy(asc(shipments.id))

export const findShipments = (ex: Executor, carrier: string, carrierShipmentIds: readonly string[]): Promise<ShipmentRow[]> =>
  ex
    .select()
    .from(shipments)
    .where(and(eq(shipments.carrier, carrier), inArray(shipments.carrierShipmentId, [...carrierShipmentIds])))

/** Keeps a tracking event once: false when its id, or its seq for that parcel, is already there. */
export const recordEvent = async (ex: Executor, s: ShipmentRow, e: TrackingEvent): Promise<boolean> => {
  const rows = await ex
    .insert(trackingEvents)
    .values({
      carrier: s.carrier,
      eventId: e.id,
      shipmentId: s.id,
      orderId: s.orderId,
      seq: e.seq,
      status: e.status,
      description: e.description,
      occurredAt: new Date(e.occurredAt),
    })
    .onConflictDoNothing()
    .returning({ eventId: trackingEvents.eventId })
  return rows.length > 0
}

/** Moves the parcel to the event's status when the event is newer than the last one applied (events arrive in any order). */
export const applyEvent = async (ex: Executor, shipmentId: string, e: TrackingEvent, now: Date): Promise<void> => {
  const at = new Date(e.occurredAt)
  await ex
    .update(shipments)
    .set({
      status: e.status,
      lastSeq: e.seq,
      updatedAt: now,
      ...(isShipped(e.status) && { shippedAt: sql`coalesce(${shipments.shippedAt}, ${at.toISOString()}::timestamptz)` }),
      ...(e.status === 'delivered' && { deliveredAt: at }),
    })
    .where(and(eq(shipments.id, shipmentId), lt(shipments.lastSeq, e.seq)))
}

export const setShipmentStatus = (ex: Executor, id: string, status: ShipmentRow['status'], now: Date) =>
  ex.update(shipments).set({ status, updatedAt: now }).where(eq(shipments.id, id))

export const eventsOfOrders = (ex: Executor, orderIds: readonly string[]): Promise<TrackingRow[]> =>
  orderIds.length === 0
    ? Promise.resolve([])
    : ex
        .select()
        .from(trackingEvents)
        .where(inArray(trackingEvents.orderId, [...orderIds]))
        .orderBy(asc(trackingEvents.shipmentId), asc(trackingEvents.seq))

/** Parcels still on their way that heard nothing since `before`, oldest news first. */
export const quietShipments = (ex: Executor, before: Date, limit: number): Promise<ShipmentRow[]> =>
  ex
    .select()
    .from(shipments)
    .where(and(inArray(shipments.status, [...OPEN]), lt(shipments.updatedAt, before)))
    .orderBy(asc(shipments.updatedAt))
    .limit(limit)

export const touchShipment = (ex: Executor, id: string, now: Date) =>
  ex.update(shipments).set({ updatedAt: now }).where(eq(shipments.id, id))
