/** Unexpected failures are thrown as AppError with a stable code and the original cause. */
export class AppError extends Error {
  readonly code: string
  readonly details: unknown

  constructor(code: string, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.details = options.details
  }
}
