import type { ConsumerRegistry } from '../../platform/bus/consumer-registry.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { Job } from '../../platform/jobs/run-every.ts'
import type { Money } from '../../platform/money/money.ts'
import type { Result } from '../../platform/result.ts'
import type { Order } from '../orders/index.ts'
import type { CarrierStatus } from './carriers/carrier.ts'
import type { RiskReason } from './domain/assess-risk.ts'
import type { ShipmentStatus } from './domain/order-progress.ts'
import type { ProcessingError } from './errors.ts'
import type { ShipmentItem } from './schema.ts'

export type TrackingEntry = {
  readonly seq: number
  readonly status: ShipmentStatus
  readonly description: string
  readonly occurred_at: string
}

/** A parcel of an order, with its tracking events oldest first. */
export type Shipment = {
  readonly id: string
  readonly order_id: string
  readonly location_id: string
  readonly carrier: string
  readonly carrier_shipment_id: string
  readonly tracking_number: string
  readonly tracking_url: string
  readonly label_url: string
  readonly service: string
  readonly status: ShipmentStatus
  readonly items: ShipmentItem[]
  readonly created_at: string
  readonly shipped_at: string | null
  readonly delivered_at: string | null
  readonly events: TrackingEntry[]
}

export type HeldOrder = {
  readonly order_id: string
  readonly number: string
  readonly email: string
  readonly country: string
  readonly total: Money
  readonly placed_at: string
  readonly reasons: RiskReason[]
}

export type WebhookReport = { readonly recorded: number; readonly duplicates: number; readonly unknown: number }

export type OrderTracking = { readonly carrier: string; readonly number: string; readonly url: string }

export type OrderProcessingApi = {
  /** the event consumers: risk and allocation on order_placed, release from hold, confirmation e-mail, canceling parcels */
  readonly registerConsumers: (registry: ConsumerRegistry) => void
  /** captures due by the capture policy; polling carriers for shipments without news (when configured) */
  readonly jobs: readonly Job[]
  /** a carrier's webhook: verified over the raw body, deduplicated, recorded, applied to the order */
  readonly receiveWebhook: (input: {
    readonly carrier: string
    readonly rawBody: string
    readonly headers: Readonly<Record<string, string | string[] | undefined>>
  }) => Promise<Result<WebhookReport, ProcessingError>>
  readonly pollTracking: () => Promise<{ readonly shipments: number; readonly recorded: number }>
  readonly captureDue: () => Promise<{ readonly captured: number; readonly retrying: number; readonly failed: number }>
  readonly listShipments: (orderId: string) => Promise<Shipment[]>
  /** the order's parcels as API.md's `tracking[]` (canceled ones left out) */
  readonly trackingFor: (orderId: string, tx?: Executor) => Promise<OrderTracking[]>
  readonly listHeld: () => Promise<HeldOrder[]>
  /** a held order goes back to placed and is allocated and shipped (by the consumer of that change) */
  readonly releaseHeld: (input: { readonly orderId: string; readonly note?: string }) => Promise<Result<Order, ProcessingError>>
  /** a held order is canceled: stock and promotion uses given back, payment voided */
  readonly cancelHeld: (input: { readonly orderId: string; readonly note?: string }) => Promise<Result<Order, ProcessingError>>
  readonly carrierStatus: () => CarrierStatus[]
  /**
   * GDPR erasure of what this module keeps about those orders (the risk review's e-mail; parcels
   * hold no personal data), in `tx` when given (the erasure's transaction). Answers how many rows changed.
   */
  readonly eraseForOrders: (input: { readonly orderIds: readonly string[] }, tx?: Executor) => Promise<number>
}
