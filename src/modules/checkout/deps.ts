import type { Database, Executor } from '../../platform/db/database.ts'
import type { AdmissionGate } from '../../platform/gate/admission-gate.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'
import type { Logger } from '../../platform/logging/create-logger.ts'
import type { Result } from '../../platform/result.ts'
import type { CartApi } from '../cart/index.ts'
import type { InventoryApi } from '../inventory/index.ts'
import type { OrdersApi } from '../orders/index.ts'
import type { PaymentsApi } from '../payments/index.ts'

export type CheckoutDeps = {
  readonly db: Database
  readonly cart: CartApi
  readonly inventory: InventoryApi
  readonly orders: OrdersApi
  readonly payments: PaymentsApi
  /** promotions' atomic usage counting, inside the checkout transaction (a port wired in app.ts) */
  readonly redeemPromotions: (
    tx: Executor,
    input: {
      readonly orderId: string
      readonly email: string
      readonly applied: readonly { readonly promotionId: string; readonly amount: number }[]
    },
  ) => Promise<Result<null, { readonly message: string }>>
  readonly releasePromotions: (input: { readonly orderId: string }, tx?: Executor) => Promise<void>
  readonly gate: AdmissionGate
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
  readonly logger: Logger
  readonly options: {
    readonly reservationTtlSeconds: number
    /** a pending order older than this is reconciled with its gateway (crash recovery) */
    readonly reconcileAfterSeconds: number
    /** an ambiguous authorise attempt whose gateway never saw its key is closed after this long (default 600; decision 0018) */
    readonly ambiguousNotFoundFinalSeconds?: number
    /** checkouts doing database and payment work at once in this process; the next ones wait in line */
    readonly maxConcurrentPlacements: number
    /** how many may wait in line; past it, CHECKOUT_BUSY (503 with Retry-After) at once */
    readonly placementQueue: number
    /** flash-sale buyers holding units placing orders at once; they wait in a line bounded by the units on sale */
    readonly flashSaleConcurrency: number
    /** longest wait in the placement line before CHECKOUT_BUSY (the work is then cancelled, never run late); default 10 s */
    readonly queueTimeoutMs?: number
    /**
     * longest wait in the flash-sale buyers' line (they hold units: sent away, their units would go
     * to the next arrivals and they would come back for more); default 30 s
     */
    readonly flashSaleWaitMs?: number
    /** a buyer who would wait in the placement line and not be done within this is answered CHECKOUT_BUSY at once (0/undefined: no such limit) */
    readonly maxExpectedMs?: number
  }
}

export const gateKey = (variantId: string) => `variant:${variantId}`
