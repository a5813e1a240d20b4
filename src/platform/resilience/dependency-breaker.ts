import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel'

export type DependencyState = 'up' | 'down' | 'probing'

/**
 * A circuit breaker (cockatiel) around one engine the store depends on — the primary database,
 * Redis. It opens on outages that callers report and on a failed background probe, so while the
 * engine is down callers take their fallback at once instead of each waiting for a timeout; a
 * probe (on its own connection, so a busy pool is not taken for an outage) closes it again.
 */
export type DependencyBreaker = {
  readonly name: string
  /** false while the breaker is open: take the fallback without calling the engine */
  readonly available: () => boolean
  readonly state: () => DependencyState
  /** counts a caller's failure when it is an outage of this engine; returns whether it was */
  readonly report: (e: unknown) => boolean
  /** ms since epoch of the last change to `down`, null while up */
  readonly downSince: () => number | null
  readonly stop: () => void
}

export type DependencyBreakerOptions = {
  readonly name: string
  readonly probe: () => Promise<void>
  readonly isOutage: (e: unknown) => boolean
  /** consecutive failures (probes or reports) that open it */
  readonly failuresToOpen?: number
  readonly halfOpenAfterMs?: number
  /** 0: no background probe (tests drive `probeNow`) */
  readonly probeIntervalMs?: number
  readonly probeTimeoutMs?: number
  readonly onChange?: (name: string, state: DependencyState) => void
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`probe timed out after ${ms} ms`)), ms).unref())])

export const createDependencyBreaker = (o: DependencyBreakerOptions): DependencyBreaker & { readonly probeNow: () => Promise<void> } => {
  const policy = circuitBreaker(handleAll, {
    halfOpenAfter: o.halfOpenAfterMs ?? 2000,
    breaker: new ConsecutiveBreaker(o.failuresToOpen ?? 2),
  })
  let downSince: number | null = null
  const stateOf = (s: CircuitState): DependencyState =>
    s === CircuitState.Closed ? 'up' : s === CircuitState.HalfOpen ? 'probing' : 'down'
  policy.onStateChange((s) => {
    const state = stateOf(s)
    if (state === 'down' && downSince === null) downSince = Date.now()
    if (state === 'up') downSince = null
    o.onChange?.(o.name, state)
  })
  let probing = false
  const probeNow = async () => {
    if (probing) return
    probing = true
    try {
      await policy.execute(() => withTimeout(o.probe(), o.probeTimeoutMs ?? 2000))
    } catch {
      // counted by the breaker (or refused while it is open)
    } finally {
      probing = false
    }
  }
  const every = o.probeIntervalMs ?? 1000
  const timer = every > 0 ? setInterval(() => void probeNow(), every) : undefined
  timer?.unref()
  return {
    name: o.name,
    available: () => policy.state !== CircuitState.Open && policy.state !== CircuitState.Isolated,
    state: () => stateOf(policy.state),
    report: (e) => {
      if (!o.isOutage(e)) return false
      policy.execute(() => Promise.reject(e)).catch(() => undefined)
      return true
    },
    downSince: () => downSince,
    stop: () => clearInterval(timer),
    probeNow,
  }
}
