/**
 * A concurrency limit that follows the latency the server actually delivers (additive increase,
 * multiplicative decrease, per window): when the slowest answers of a window pass the target, the
 * limit shrinks at once, so the next requests are shed instead of queueing behind the work already
 * in flight; when answers are fast and requests were turned away (or in flight reached the limit),
 * it grows by a tenth. The static limit from configuration stays the ceiling. See
 * docs/decisions/0020-latency-aware-load-shedding.md.
 */
export type AdaptiveLimitOptions = {
  /** the latency target; answers slower than half of it are "slow", and the limit shrinks when more than 1 % of a window's are */
  readonly targetMs: number
  readonly min: number
  /** the configured ceiling (SHED_*_CONCURRENCY) */
  readonly max: number
  readonly initial: number
  readonly windowMs: number
}

export type AdaptiveLimit = {
  readonly current: () => number
  /** in flight reached the limit (a request was shed, or admitted as the last one) */
  readonly saturated: () => void
  /** one answer's time from its arrival to its end */
  readonly record: (ms: number, now: number) => void
  /** the process itself is behind (its event loop lagged): the window counts as slow */
  readonly congested: () => void
}

/** more than this share of slow answers in a window shrinks the limit (p99 above the threshold) */
const SLOW_SHARE = 0.01
/**
 * An answer counts as slow from this share of the target on: the requests already in flight
 * finish after the decision, so the limit must shrink while answers are still within the target
 * (at the full target, the first two seconds of a ×10 spike went over it before the limit caught up).
 */
export const SLOW_AT = 0.5
const DECREASE = 0.7
const INCREASE = 0.1

export const adaptiveLimit = (o: AdaptiveLimitOptions, startedAt: number): AdaptiveLimit => {
  let limit = Math.min(o.max, Math.max(o.min, o.initial))
  let windowStart = startedAt
  let answers = 0
  let slow = 0
  let full = false
  let lagging = false

  const decide = () => {
    if (lagging || (answers > 0 && slow / answers > SLOW_SHARE)) limit = Math.max(o.min, limit * DECREASE)
    else if (full) limit = Math.min(o.max, limit + Math.max(1, limit * INCREASE))
    answers = 0
    slow = 0
    full = false
    lagging = false
  }

  return {
    current: () => Math.floor(limit),
    saturated: () => {
      full = true
    },
    congested: () => {
      lagging = true
    },
    record: (ms, now) => {
      answers++
      if (ms > o.targetMs * SLOW_AT) slow++
      if (now - windowStart >= o.windowMs) {
        decide()
        windowStart = now
      }
    },
  }
}
