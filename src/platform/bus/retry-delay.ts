export type RetryPolicy = {
  /** attempts in all, the first included; after the last one the event is dead-lettered */
  readonly maxAttempts: number
  readonly baseMs: number
  readonly maxMs: number
}

/**
 * How long to wait after failed attempt `attempt` (1-based): exponential back-off capped at
 * `maxMs`, with "equal jitter" (half fixed, half random) so retries of a burst spread out but
 * still grow. `random` is injected to keep this pure.
 */
export const retryDelayMs = (attempt: number, p: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random: () => number = Math.random): number => {
  const exp = Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)))
  const half = exp / 2
  return Math.round(half + random() * half)
}

/** True when attempt `attempt` (1-based) was the last one the policy allows. */
export const isLastAttempt = (attempt: number, p: Pick<RetryPolicy, 'maxAttempts'>): boolean => attempt >= p.maxAttempts
