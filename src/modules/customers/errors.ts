/** The customers module's expected outcomes (STYLE.md §6); HTTP statuses live in http/error-status.ts. */
export type CustomersError =
  | { readonly code: 'CUSTOMERS_EMAIL_TAKEN'; readonly message: string }
  | { readonly code: 'CUSTOMERS_WEAK_PASSWORD'; readonly message: string }
  | { readonly code: 'CUSTOMERS_INVALID_CREDENTIALS'; readonly message: string }
  | { readonly code: 'CUSTOMERS_TOO_MANY_ATTEMPTS'; readonly message: string; readonly retryAfterSeconds: number }
  | { readonly code: 'CUSTOMERS_INVALID_TOKEN'; readonly message: string }
  | { readonly code: 'CUSTOMERS_NOT_FOUND'; readonly message: string }
  | { readonly code: 'CUSTOMERS_ALREADY_VERIFIED'; readonly message: string }
  | { readonly code: 'CUSTOMERS_INVALID_INPUT'; readonly message: string; readonly field: string }
  | { readonly code: 'CUSTOMERS_ORDERS_OPEN'; readonly message: string; readonly orderIds: readonly string[] }

export type CustomersErrorCode = CustomersError['code']

/**
 * Unexpected failures, thrown as AppError (never returned):
 * - CUSTOMERS_EMAIL_FAILED: the notifications module refused an account e-mail (a template bug)
 * - CUSTOMERS_WRITE_FAILED: the database answered something impossible
 */
export type CustomersFailureCode = 'CUSTOMERS_EMAIL_FAILED' | 'CUSTOMERS_WRITE_FAILED'
