/**
 * Failures that mean "the database server cannot be reached at all" (as opposed to "it is busy"):
 * the connection was refused or reset, the server is shutting down or starting up (57P01, 57P03),
 * the connection broke (class 08), or the breaker already knows it is down. Checkout answers them
 * 503 `database_unavailable` and the storefront falls back to its cache (docs/resilience.md).
 */
const DOWN_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006'])
const DOWN_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT'])

/** Thrown without touching the database while its breaker is open. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE'
  constructor(message = 'the primary database is unreachable') {
    super(message)
    this.name = 'DatabaseUnavailableError'
  }
}

export const isDatabaseDown = (e: unknown, depth = 0): boolean => {
  if (!(e instanceof Error) || depth > 5) return false
  if (e instanceof DatabaseUnavailableError) return true
  const cause = (e as { cause?: unknown }).cause
  if (cause && cause !== e && isDatabaseDown(cause, depth + 1)) return true
  const errors = (e as { errors?: unknown }).errors // AggregateError: every address refused
  if (Array.isArray(errors) && errors.some((x) => isDatabaseDown(x, depth + 1))) return true
  const code = (e as { code?: unknown }).code
  if (typeof code === 'string' && (DOWN_SQLSTATES.has(code) || DOWN_ERRNOS.has(code))) return true
  return /Connection terminated|terminating connection due to administrator command|the database system is (starting up|shutting down)|Client has encountered a connection error/i.test(
    e.message,
  )
}
