/** The complete catalogue of tax error codes. */
export type TaxError = { readonly code: 'TAX_INVALID_RATE'; readonly message: string; readonly field: string }

export type TaxErrorCode = TaxError['code']

/** Codes of unexpected failures, thrown as AppError (never returned). */
export type TaxFailureCode = 'TAX_WRITE_FAILED'
