import type { Database, Executor } from '../../platform/db/database.ts'
import type { Logger } from '../../platform/logging/create-logger.ts'
import type { Money } from '../../platform/money/money.ts'
import type { Result } from '../../platform/result.ts'
import type { InventoryApi } from '../inventory/index.ts'
import type { OrdersApi } from '../orders/index.ts'
import type { Carrier } from './carriers/carrier.ts'
import type { OrderEmail } from './domain/order-emails.ts'
import type { ProcessingOptions } from './processing-options.ts'

type Failure = { readonly code: string; readonly message: string }

/** What order processing needs from payments (wired in app.ts: fulfillment does not import payments). */
export type PaymentsPort = {
  /** captures the whole authorisation, once (idempotent) */
  readonly capture: (orderId: string) => Promise<Result<{ readonly captured: Money }, Failure>>
  readonly void: (orderId: string) => Promise<Result<null, Failure>>
}

export type ProcessingDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>
  readonly orders: OrdersApi
  readonly inventory: Pick<InventoryApi, 'listReservations' | 'release' | 'refreshAvailability' | 'ship'>
  /** by name, as configured in CARRIERS */
  readonly carriers: ReadonlyMap<string, Carrier>
  readonly payments: PaymentsPort
  /** gives back the promotion uses of an order canceled after review, in `tx` */
  readonly releasePromotions: (orderId: string, tx: Executor) => Promise<void>
  /** queues an e-mail in `tx` (idempotent by its key); throws when the notifications module refuses it */
  readonly enqueueEmail: (email: OrderEmail, tx: Executor) => Promise<void>
  /** shipment ids (default: sortable `shpm_…` ids) */
  readonly newId?: () => string
}

export type ProcessingContext = Omit<ProcessingDeps, 'newId'> & { readonly options: ProcessingOptions; readonly newId: () => string }
