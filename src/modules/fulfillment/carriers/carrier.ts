import type { Money } from '../../../platform/money/money.ts'
import type { Result } from '../../../platform/result.ts'
import type { CarrierError } from './carrier-errors.ts'

/**
 * The port every carrier adapter implements. Each call runs under the adapter's timeout, circuit
 * breaker and, for idempotent calls only (reads, and writes that carry an idempotency key), retries
 * with jittered back-off. Failures come back as `CarrierError` values, never thrown.
 */
export type TrackingStatus = 'label_created' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception' | 'canceled'

export type Address = {
  /** ISO 3166-1 alpha-2 */
  readonly country: string
  readonly name?: string
  readonly line1?: string
  readonly line2?: string
  readonly city?: string
  readonly postalCode?: string
}

export type Parcel = { readonly from: Address; readonly to: Address; readonly weightGrams: number }

export type CarrierRate = { readonly service: string; readonly price: Money; readonly estimatedDays: number }

export type CarrierShipment = {
  readonly id: string
  readonly trackingNumber: string
  /** the caller's reference, e.g. the order id */
  readonly reference: string
  readonly service: string
  readonly kind: 'outbound' | 'return'
  /** for a return: the outbound shipment it returns */
  readonly returnFor: string | null
  readonly status: TrackingStatus
  readonly price: Money
  readonly estimatedDays: number
  /** where the label (PDF) can be fetched */
  readonly labelUrl: string
  readonly createdAt: string
}

export type TrackingEvent = {
  readonly id: string
  readonly shipmentId: string
  readonly trackingNumber: string
  readonly reference: string
  /** 1, 2, … per shipment; webhooks may arrive out of order, so order by it and drop what you have */
  readonly seq: number
  readonly status: TrackingStatus
  readonly description: string
  readonly occurredAt: string
}

export type BreakerState = 'closed' | 'open' | 'half_open'

export type CarrierStatus = {
  readonly name: string
  readonly breaker: BreakerState
  /** calls that reached the carrier (retries included), since this process started */
  readonly attempts: number
  /** of those, the ones that failed (outage, timeout, 5xx) */
  readonly failures: number
  /** calls not made because the breaker was open */
  readonly skipped: number
  readonly lastError: string | null
}

/** Lets the caller abandon a call (the adapter's own timeout applies regardless). */
type Cancellable = { readonly signal?: AbortSignal }
type Keyed = Cancellable & { readonly idempotencyKey: string }

export type Carrier = {
  readonly name: string
  readonly rates: (input: Cancellable & Parcel) => Promise<Result<readonly CarrierRate[], CarrierError>>
  /** the same key with the same input returns the same shipment; never books twice */
  readonly createShipment: (
    input: Keyed & Parcel & { readonly reference: string; readonly service: string },
  ) => Promise<Result<CarrierShipment, CarrierError>>
  /** only before pickup; afterwards FULFILLMENT_CARRIER_INVALID_STATE */
  readonly cancelShipment: (input: Keyed & { readonly shipmentId: string }) => Promise<Result<CarrierShipment, CarrierError>>
  /** a new return shipment (its own tracking number and label) from the recipient back to the sender */
  readonly createReturnLabel: (input: Keyed & { readonly shipmentId: string }) => Promise<Result<CarrierShipment, CarrierError>>
  /** polling: the shipment's events after `afterSeq` (default: all), oldest first */
  readonly trackingEvents: (
    input: Cancellable & { readonly shipmentId: string; readonly afterSeq?: number },
  ) => Promise<Result<readonly TrackingEvent[], CarrierError>>
  /** checks an inbound webhook's signature and age; its events, or null when it does not verify */
  readonly verifyWebhook: (input: {
    readonly rawBody: string
    readonly headers: Readonly<Record<string, string | string[] | undefined>>
  }) => Promise<readonly TrackingEvent[] | null>
  readonly status: () => CarrierStatus
  /** where a shopper can follow the parcel (http or https) */
  readonly trackingUrl: (shipment: { readonly id: string; readonly trackingNumber: string }) => string
}
