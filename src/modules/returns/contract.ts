import type { Executor } from '../../platform/db/database.ts'
import type { Money } from '../../platform/money/money.ts'
import type { Result } from '../../platform/result.ts'
import type { ReturnsError } from './errors.ts'
import type { REFUND_STATUSES, RETURN_STATUSES } from './schema.ts'

export type ReturnStatus = (typeof RETURN_STATUSES)[number]
export type RefundStatus = (typeof REFUND_STATUSES)[number]
export type ItemCondition = 'sellable' | 'damaged'

export type ReturnItem = {
  readonly id: string
  /** the order item it returns */
  readonly item_id: string
  readonly variant_id: string
  readonly sku: string
  readonly title: string
  readonly quantity: number
  readonly reason: string
  readonly refund_amount: Money
  readonly exchange_variant_id: string | null
  readonly condition: ItemCondition | null
  readonly disposition: 'restocked' | 'written_off' | null
  readonly location_id: string | null
}

export type ReturnStep = { readonly step: string; readonly note: string; readonly at: string }

export type Return = {
  readonly id: string
  readonly order_id: string
  readonly order_number: string
  readonly status: ReturnStatus
  readonly source: 'store' | 'admin'
  readonly items: ReturnItem[]
  readonly refund_amount: Money
  readonly refund_status: RefundStatus
  readonly label: {
    readonly carrier: string
    readonly tracking_number: string
    readonly tracking_url: string
    readonly label_url: string
  } | null
  /** the replacement order of an exchange */
  readonly exchange_order_id: string | null
  readonly note: string
  readonly rejection_reason: string | null
  readonly steps: ReturnStep[]
  readonly created_at: string
  readonly updated_at: string
}

export type RequestReturnInput = {
  readonly orderId: string
  readonly source: 'store' | 'admin'
  readonly items: readonly {
    readonly itemId: string
    readonly quantity: number
    readonly reason: string
    readonly exchangeVariantId?: string
  }[]
  readonly note?: string
}

export type ReceiveInput = {
  readonly returnId: string
  /** where sellable units go (default: RETURN_RESTOCK_LOCATION, else the default stock location) */
  readonly locationId?: string
  /** every item of the return, once, with its condition: sellable units are restocked, damaged ones written off */
  readonly items: readonly { readonly id: string; readonly condition: ItemCondition; readonly locationId?: string }[]
  readonly note?: string
}

export type ReturnListFilter = {
  readonly status?: ReturnStatus
  readonly orderId?: string
  readonly limit: number
  readonly cursor?: string
}

type R<T> = Promise<Result<T, ReturnsError>>

export type ReturnsApi = {
  /** checks the policy, records the request (and approves it at once when the rule says so) */
  readonly requestReturn: (input: RequestReturnInput) => R<Return>
  /** staff approval: exchanges reserve their replacement and get a linked order; then the return label */
  readonly approveReturn: (input: { readonly returnId: string; readonly note?: string }) => R<Return>
  readonly rejectReturn: (input: { readonly returnId: string; readonly reason: string }) => R<Return>
  /** the carrier's return label (once; idempotent) */
  readonly createLabel: (input: { readonly returnId: string }) => R<Return>
  /** records the parcel's arrival, restocks or writes off each item, then refunds */
  readonly receiveReturn: (input: ReceiveInput) => R<Return>
  /** refunds through the order's gateway with a key derived from the return: once, however often called */
  readonly refundReturn: (input: { readonly returnId: string }) => R<Return>
  readonly getReturn: (id: string) => R<Return>
  /** an order's returns, and the return an exchange order was created for */
  readonly listForOrder: (orderId: string) => Promise<Return[]>
  readonly listReturns: (filter: ReturnListFilter) => R<{ readonly returns: Return[]; readonly next_cursor: string | null }>
  /**
   * GDPR erasure: in the returns of those orders the e-mail and any free text (note, rejection
   * reason, step notes) are replaced by the orders' erased placeholders; items, amounts, refund,
   * label and statuses stay. In `tx` when given (the erasure's transaction); answers how many changed.
   */
  readonly eraseForOrders: (input: { readonly orderIds: readonly string[] }, tx?: Executor) => Promise<number>
}
