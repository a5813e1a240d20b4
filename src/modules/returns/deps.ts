import type { Database, Executor } from '../../platform/db/database.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'
import type { Logger } from '../../platform/logging/create-logger.ts'
import type { Result } from '../../platform/result.ts'
import type { InventoryApi } from '../inventory/index.ts'
import type { OrdersApi } from '../orders/index.ts'
import type { PaymentsApi } from '../payments/index.ts'
import type { ReturnPolicy } from './domain/return-policy.ts'
import type { ReturnEmail } from './domain/return-emails.ts'

type Failure = { readonly code: string; readonly message: string }

/** The carrier calls a return needs (the fulfillment module's carrier port satisfies it). */
export type ReturnCarrier = {
  readonly createReturnLabel: (input: {
    readonly shipmentId: string
    readonly idempotencyKey: string
  }) => Promise<Result<{ readonly id: string; readonly trackingNumber: string; readonly labelUrl: string }, Failure>>
  readonly trackingUrl: (shipment: { readonly id: string; readonly trackingNumber: string }) => string
}

/** What returns needs to know about a variant for sale (the catalog, wired in app: returns does not import it). */
export type SellableVariant = { readonly id: string; readonly sku: string; readonly title: string; readonly price: number }

export type ReturnsOptions = {
  readonly policy: ReturnPolicy
  /** where sellable units go back when staff do not choose; null: the default stock location */
  readonly restockLocation: string | null
}

export type ReturnsDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>
  readonly orders: OrdersApi
  readonly payments: Pick<PaymentsApi, 'refund' | 'getPayment'>
  readonly inventory: Pick<InventoryApi, 'reserve' | 'commit' | 'release' | 'restock' | 'listLocations' | 'refreshAvailability'>
  /** the order's outbound parcels (fulfillment's listShipments) */
  readonly shipments: (
    orderId: string,
  ) => Promise<readonly { readonly carrier: string; readonly carrier_shipment_id: string; readonly status: string }[]>
  /** by name, as configured in CARRIERS */
  readonly carriers: ReadonlyMap<string, ReturnCarrier>
  /** category ids of each variant (its product's) */
  readonly categoriesOf: (variantIds: readonly string[]) => Promise<ReadonlyMap<string, readonly string[]>>
  /** variants on sale with their current price in `currency`; absent: not for sale */
  readonly sellable: (variantIds: readonly string[], currency: string) => Promise<ReadonlyMap<string, SellableVariant>>
  /** queues an e-mail in `tx` (idempotent by its key); throws when the notifications module refuses it */
  readonly enqueueEmail: (email: ReturnEmail, tx: Executor) => Promise<void>
  readonly options: ReturnsOptions
}
