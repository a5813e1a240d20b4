/** The payments error catalogue: expected outcomes, returned as `Result` errors (STYLE.md §6). */
export type PaymentsError =
  /** the gateway declined the card; final, never failed over */
  | { readonly code: 'PAYMENTS_DECLINED'; readonly message: string; readonly gateway: string; readonly reason: string }
  /** no gateway for the provider answered (all failed, timed out or had their breaker open) */
  | { readonly code: 'PAYMENTS_UNAVAILABLE'; readonly message: string; readonly tried: string[] }
  | { readonly code: 'PAYMENTS_UNKNOWN_PROVIDER'; readonly message: string }
  | { readonly code: 'PAYMENTS_NOT_FOUND'; readonly message: string }
  | { readonly code: 'PAYMENTS_INVALID_STATE'; readonly message: string; readonly status: string }
  | { readonly code: 'PAYMENTS_AMOUNT_EXCEEDED'; readonly message: string; readonly available: number }
  /** a non-positive amount, or a currency other than the payment's */
  | { readonly code: 'PAYMENTS_INVALID_AMOUNT'; readonly message: string }
  /** the same operation (same idempotency key) is still being processed by the gateway */
  | { readonly code: 'PAYMENTS_IN_PROGRESS'; readonly message: string; readonly gateway: string }
  /** the gateway refused the request itself (not a decline): our records and the gateway's disagree */
  | { readonly code: 'PAYMENTS_GATEWAY_REJECTED'; readonly message: string; readonly gateway: string; readonly reason: string }

export type PaymentsErrorCode = PaymentsError['code']

/** A bad `PAYMENT_GATEWAYS` (or related) setting: boot stops with this message. */
export type PaymentsConfigError = { readonly code: 'PAYMENTS_INVALID_CONFIG'; readonly message: string }
