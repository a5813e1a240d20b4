/** The constraint name if the error (or its cause) is a unique violation (SQLSTATE 23505). */
export const uniqueViolation = (e: unknown): string | null => {
  let cur: unknown = e
  for (let depth = 0; cur && depth < 5; depth++) {
    const x = cur as { code?: string; constraint?: string; detail?: string; cause?: unknown }
    if (x.code === '23505') return x.constraint ?? x.detail ?? 'unknown'
    cur = x.cause
  }
  return null
}
