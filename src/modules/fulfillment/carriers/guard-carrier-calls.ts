import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  IsolatedCircuitError,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
} from 'cockatiel'
import { err, ok, type Result } from '../../../platform/result.ts'
import { SpanKind, withSpan } from '../../../platform/tracing/index.ts'
import type { BreakerState, CarrierStatus } from './carrier.ts'
import { type CarrierError, carrierError, countsAgainstBreaker, isRetryable } from './carrier-errors.ts'

export type CarrierResilience = {
  /** each try is abandoned (and its HTTP request aborted) after this long */
  readonly timeoutMs: number
  /** retries after the first try, for idempotent calls and retryable failures only */
  readonly retries: number
  /** first retry delay; later ones grow exponentially with decorrelated jitter up to `backoffMaxMs` */
  readonly backoffInitialMs: number
  readonly backoffMaxMs: number
  /** consecutive failures (outages, timeouts) that open the breaker */
  readonly breakerFailures: number
  /** how long an open breaker refuses calls before it lets one test call through */
  readonly breakerHalfOpenMs: number
}

export const DEFAULT_CARRIER_RESILIENCE: CarrierResilience = {
  timeoutMs: 5000,
  retries: 2,
  backoffInitialMs: 100,
  backoffMaxMs: 2000,
  breakerFailures: 5,
  breakerHalfOpenMs: 30_000,
}

/** A `CarrierError` thrown inside the policies (cockatiel works on exceptions); `run` returns it as a value. */
export class CarrierFailure extends Error {
  readonly error: CarrierError
  constructor(error: CarrierError, cause?: unknown) {
    super(error.message, { cause })
    this.name = 'CarrierFailure'
    this.error = error
  }
}

const failureCounts = (e: unknown) => !(e instanceof CarrierFailure) || countsAgainstBreaker(e.error.code)

const breakerStateOf = (s: CircuitState): BreakerState => {
  if (s === CircuitState.Closed) return 'closed'
  return s === CircuitState.HalfOpen ? 'half_open' : 'open'
}

/**
 * Timeout → circuit breaker → (idempotent calls only) retry with jittered back-off, around the
 * calls one carrier adapter makes. `call` throws `CarrierFailure` for a failure it recognises;
 * anything else it throws counts as an outage.
 */
export const guardCarrierCalls = (carrier: string, s: CarrierResilience) => {
  const retryPolicy = retry(
    handleWhen((e) => e instanceof CarrierFailure && isRetryable(e.error.code)),
    {
      maxAttempts: s.retries,
      backoff: new ExponentialBackoff({ initialDelay: s.backoffInitialMs, maxDelay: s.backoffMaxMs }),
    },
  )
  const breaker = circuitBreaker(handleWhen(failureCounts), {
    halfOpenAfter: s.breakerHalfOpenMs,
    breaker: new ConsecutiveBreaker(s.breakerFailures),
  })
  // abortOnReturn off: a call that has returned needs no abort (each abort builds a DOMException, on every call)
  const timeoutPolicy = timeout(s.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false })
  const counters = { attempts: 0, failures: 0, skipped: 0, lastError: null as string | null }

  const normalise = (e: unknown, caller?: AbortSignal): CarrierFailure => {
    if (e instanceof CarrierFailure) return e
    if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError)
      return new CarrierFailure(carrierError('FULFILLMENT_CARRIER_CIRCUIT_OPEN', carrier, 'breaker_open', 'breaker open, call not made'), e)
    if (e instanceof TaskCancelledError)
      return new CarrierFailure(carrierError('FULFILLMENT_CARRIER_TIMEOUT', carrier, caller?.aborted ? 'canceled' : 'timeout'), e)
    const detail = e instanceof Error ? e.message : String(e)
    return new CarrierFailure(carrierError('FULFILLMENT_CARRIER_UNAVAILABLE', carrier, 'unexpected', detail), e)
  }

  const spanAttributes = { 'crest.carrier': carrier }
  // one CLIENT span per try (docs/operations.md)
  const tryOnce = <T>(call: (signal: AbortSignal) => Promise<T>, caller?: AbortSignal): Promise<T> =>
    withSpan(`carrier ${carrier}`, spanAttributes, () => tryGuarded(call, caller), SpanKind.CLIENT)

  const tryGuarded = async <T>(call: (signal: AbortSignal) => Promise<T>, caller?: AbortSignal): Promise<T> => {
    try {
      return await breaker.execute(({ signal }) => {
        counters.attempts++
        return timeoutPolicy.execute(({ signal: inner }) => call(inner), signal)
      }, caller)
    } catch (e) {
      const f = normalise(e, caller)
      if (f.error.code === 'FULFILLMENT_CARRIER_CIRCUIT_OPEN') counters.skipped++
      else {
        if (countsAgainstBreaker(f.error.code)) counters.failures++
        counters.lastError = f.message
      }
      throw f
    }
  }

  return {
    /** runs `call`; retried only when `idempotent` (a read, or a write with an idempotency key) */
    run: async <T>(
      idempotent: boolean,
      call: (signal: AbortSignal) => Promise<T>,
      caller?: AbortSignal,
    ): Promise<Result<T, CarrierError>> => {
      try {
        return ok(idempotent ? await retryPolicy.execute(({ signal }) => tryOnce(call, signal), caller) : await tryOnce(call, caller))
      } catch (e) {
        return err(normalise(e, caller).error)
      }
    },
    status: (): CarrierStatus => ({
      name: carrier,
      breaker: breakerStateOf(breaker.state),
      attempts: counters.attempts,
      failures: counters.failures,
      skipped: counters.skipped,
      lastError: counters.lastError,
    }),
  }
}
