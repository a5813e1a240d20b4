import { performance } from 'node:perf_hooks'
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
import type { BreakerState, GatewayStatus, PaymentGateway } from '../contract.ts'
import { isAmbiguousFailure } from '../domain/ambiguous-failure.ts'
import { GatewayError, isGatewayError } from '../domain/gateway-error.ts'
import { SpanKind, withSpan } from '../../../platform/tracing/index.ts'

export type ResilienceSettings = {
  /** each call is abandoned (and its HTTP request aborted) after this long */
  readonly timeoutMs: number
  /** retries after the first try, for failures only (never a decline or a refusal) */
  readonly retries: number
  /** consecutive failures that open the breaker */
  readonly breakerFailures: number
  /** how long an open breaker refuses calls before it lets one test call through */
  readonly breakerHalfOpenMs: number
  /** first retry delay; later ones grow exponentially with decorrelated jitter up to `backoffMaxMs` */
  readonly backoffInitialMs?: number
  readonly backoffMaxMs?: number
}

/** What one try of a call came to, for the ledger (a success is reported by the caller). */
export type FailedTry = {
  readonly outcome: 'failed' | 'skipped'
  readonly error: string
  readonly durationMs: number
  /** the gateway may have acted on the call although it failed (domain/ambiguous-failure.ts) */
  readonly ambiguous: boolean
}

export type GuardedGateway = {
  readonly gateway: PaymentGateway
  readonly priority: number
  /**
   * Runs `call` under retry → circuit breaker → timeout. `onFailedTry` is awaited for each try that
   * failed or was refused by an open breaker. Throws the last failure as a GatewayError; a refusal
   * by the breaker has reason 'breaker_open'.
   */
  readonly run: <T>(
    call: (signal: AbortSignal) => Promise<T>,
    onFailedTry: (t: FailedTry) => Promise<void>,
  ) => Promise<{ value: T; durationMs: number }>
  /**
   * One try under the timeout only, for background recovery (decision 0018): neither refused by an
   * open breaker nor counted against it, so checkout traffic keeps its protection while recovery
   * still reaches a gateway that has come back. Throws the failure as a GatewayError.
   */
  readonly probe: <T>(call: (signal: AbortSignal) => Promise<T>) => Promise<{ value: T; durationMs: number }>
  readonly status: () => GatewayStatus
}

export const BREAKER_OPEN = 'breaker_open'

/** Outages and timeouts count against the breaker; a refusal or an idempotency conflict does not. */
const countsAsFailure = (e: unknown): boolean => !isGatewayError(e) || e.kind === 'unavailable' || e.kind === 'timeout'
const retryable = (e: unknown): boolean => isGatewayError(e) && e.kind !== 'rejected' && e.reason !== BREAKER_OPEN

const normalise = (e: unknown): GatewayError => {
  if (isGatewayError(e)) return e
  if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError)
    return new GatewayError('unavailable', BREAKER_OPEN, { cause: e })
  if (e instanceof TaskCancelledError) return new GatewayError('timeout', 'timeout', { cause: e })
  return new GatewayError('unavailable', 'unexpected', { cause: e, message: e instanceof Error ? e.message : String(e) })
}

const breakerStateOf = (s: CircuitState): BreakerState => {
  if (s === CircuitState.Closed) return 'closed'
  return s === CircuitState.HalfOpen ? 'half_open' : 'open'
}

export const guardGateway = (gateway: PaymentGateway, priority: number, s: ResilienceSettings): GuardedGateway => {
  const retryPolicy = retry(handleWhen(retryable), {
    maxAttempts: s.retries,
    backoff: new ExponentialBackoff({ initialDelay: s.backoffInitialMs ?? 50, maxDelay: s.backoffMaxMs ?? 1000 }),
  })
  const breaker = circuitBreaker(handleWhen(countsAsFailure), {
    halfOpenAfter: s.breakerHalfOpenMs,
    breaker: new ConsecutiveBreaker(s.breakerFailures),
  })
  // abortOnReturn off: a call that has returned needs no abort (each abort builds a DOMException, on every call)
  const timeoutPolicy = timeout(s.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false })
  const counters = { attempts: 0, failures: 0, skipped: 0, lastError: null as string | null }
  const spanAttributes = { 'crest.gateway': gateway.name, 'crest.gateway.provider': gateway.provider }

  const tryOnce = async <T>(call: (signal: AbortSignal) => Promise<T>, onFailedTry: (t: FailedTry) => Promise<void>) => {
    const started = performance.now()
    try {
      const value = await breaker.execute(() => {
        counters.attempts++
        return timeoutPolicy.execute(({ signal }) => call(signal))
      })
      return { value, durationMs: Math.round(performance.now() - started) }
    } catch (e) {
      const failure = normalise(e)
      const skipped = failure.reason === BREAKER_OPEN
      if (skipped) counters.skipped++
      else if (countsAsFailure(failure)) counters.failures++
      if (!skipped) counters.lastError = failure.message
      await onFailedTry({
        outcome: skipped ? 'skipped' : 'failed',
        error: failure.message,
        durationMs: Math.round(performance.now() - started),
        ambiguous: isAmbiguousFailure(failure),
      })
      throw failure
    }
  }

  return {
    gateway,
    priority,
    // one CLIENT span per try (docs/operations.md)
    run: (call, onFailedTry) =>
      retryPolicy.execute(() =>
        withSpan(`payment_gateway ${gateway.name}`, spanAttributes, () => tryOnce(call, onFailedTry), SpanKind.CLIENT),
      ),
    probe: async (call) => {
      const started = performance.now()
      try {
        const value = await timeoutPolicy.execute(({ signal }) => call(signal))
        return { value, durationMs: Math.round(performance.now() - started) }
      } catch (e) {
        throw normalise(e)
      }
    },
    status: () => ({
      name: gateway.name,
      provider: gateway.provider,
      priority,
      breaker: breakerStateOf(breaker.state),
      attempts: counters.attempts,
      failures: counters.failures,
      skipped: counters.skipped,
      last_error: counters.lastError,
    }),
  }
}
