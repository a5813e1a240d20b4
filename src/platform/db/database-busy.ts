/**
 * Failures that mean "the database cannot take this right now", not "this request is wrong":
 * the pool had no connection free in time, the server refused or dropped connections, or
 * PostgreSQL gave up on a transaction that may be retried (deadlock, serialization).
 * The HTTP layer answers them 503 with Retry-After instead of 500.
 */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01', '53300', '57P01', '57P03', '08000', '08003', '08006'])

export const isDatabaseBusy = (e: unknown): boolean => {
  if (!(e instanceof Error)) return false
  const cause = (e as { cause?: unknown }).cause
  if (cause && cause !== e && isDatabaseBusy(cause)) return true
  const code = (e as { code?: unknown }).code
  if (typeof code === 'string' && (RETRYABLE_SQLSTATES.has(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET')) return true
  return /timeout exceeded when trying to connect|Connection terminated/i.test(e.message)
}
