export type RetryPolicy = {
  /** sending attempts in all, the first included; after the last one the e-mail is `failed` */
  readonly maxAttempts: number
  readonly baseMs: number
  readonly maxMs: number
}

/**
 * How long to wait after failed attempt `attempt` (1-based): `baseMs` doubling per attempt up to
 * `maxMs`, with "equal jitter" (half fixed, half random) so a burst of failures (the SMTP server
 * was down for everyone) does not come back in lockstep. `random` is injected to keep this pure.
 */
export const retryDelayMs = (attempt: number, p: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random: () => number): number => {
  const exp = Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)))
  const half = exp / 2
  return Math.round(half + random() * half)
}

export type AfterFailure = { readonly kind: 'retry'; readonly at: Date } | { readonly kind: 'give_up' }

/**
 * What happens after attempt `attempt` failed at `now`: another attempt after the back-off, or
 * none when this was the last allowed one or the failure is permanent (the server refused the
 * recipient or the message; sending the same thing again cannot help).
 */
export const afterFailure = (
  i: { readonly attempt: number; readonly permanent: boolean; readonly now: Date },
  p: RetryPolicy,
  random: () => number,
): AfterFailure => {
  if (i.permanent || i.attempt >= p.maxAttempts) return { kind: 'give_up' }
  return { kind: 'retry', at: new Date(i.now.getTime() + retryDelayMs(i.attempt, p, random)) }
}
