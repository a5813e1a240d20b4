/**
 * Growing delays after failed sign-ins: `free` failures within `windowMs` (the window restarts at
 * each failure) cost nothing; failure `free + k` locks the key for `baseMs × 2^(k-1)`, at most `maxMs`.
 */
export type ThrottleRule = { readonly free: number; readonly baseMs: number; readonly maxMs: number; readonly windowMs: number }

export const lockMsFor = (failures: number, rule: ThrottleRule): number => {
  const over = failures - rule.free
  if (over <= 0) return 0
  // 2^31 already exceeds any sane cap; keep the arithmetic finite
  return Math.min(rule.baseMs * 2 ** Math.min(over - 1, 31), rule.maxMs)
}

/** Whole seconds for a Retry-After header: never 0 while locked. */
export const retryAfterSeconds = (ms: number): number => (ms <= 0 ? 0 : Math.max(1, Math.ceil(ms / 1000)))

/** The first lock of a run of failures: the moment to tell the account owner. */
export const isFirstLock = (failures: number, rule: ThrottleRule): boolean => failures === rule.free + 1
