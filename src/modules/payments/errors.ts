export type PaymentsError =
  | { readonly code: 'PAYMENTS_DECLINED'; readonly message: string; readonly gateway: string }
  | { readonly code: 'PAYMENTS_UNAVAILABLE'; readonly message: string; readonly tried: string[] }
  | { readonly code: 'PAYMENTS_UNKNOWN_PROVIDER'; readonly message: string }
  | { readonly code: 'PAYMENTS_NOT_FOUND'; readonly message: string }
  | { readonly code: 'PAYMENTS_INVALID_STATE'; readonly message: string; readonly status: string }
  | { readonly code: 'PAYMENTS_AMOUNT_EXCEEDED'; readonly message: string }

export type PaymentsErrorCode = PaymentsError['code']
