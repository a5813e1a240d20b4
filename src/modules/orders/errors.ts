export type OrdersError =
  | { readonly code: 'ORDERS_NOT_FOUND'; readonly message: string }
  | { readonly code: 'ORDERS_INVALID_TRANSITION'; readonly message: string; readonly field: string; readonly from: string; readonly to: string }
  | { readonly code: 'ORDERS_INVALID_CURSOR'; readonly message: string }

export type OrdersErrorCode = OrdersError['code']
