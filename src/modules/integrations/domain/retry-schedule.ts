const MINUTE = 60_000
const HOUR = 60 * MINUTE

/**
 * The waits after failed attempt 1, 2, … (docs/webhooks.md has the table). Eleven attempts in
 * all; the last one is exactly 72 hours (3 days) after the first. After it the delivery is failed.
 */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  1 * MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
  14 * HOUR,
  14 * HOUR,
  16 * HOUR + 24 * MINUTE,
]

export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1

/** When to try again after attempt `attempt` (1-based) failed at `now`; null when that was the last one. */
export const nextAttemptAt = (attempt: number, now: Date, delays: readonly number[] = WEBHOOK_RETRY_DELAYS_MS): Date | null => {
  const delay = delays[attempt - 1]
  return delay === undefined ? null : new Date(now.getTime() + delay)
}
