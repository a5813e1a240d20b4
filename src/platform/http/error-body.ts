/** The one error shape of the HTTP API: `{ error: { code, message, details? } }`. */
export type ErrorBody = {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown }
}

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
})
