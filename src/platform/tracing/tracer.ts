import { type Attributes, type Context, context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'

/**
 * Spans are made only when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT set, see start-tracing.ts).
 * Off, `withSpan` is one boolean test and a direct call: no span objects, no context switches.
 */
const state = { on: false }
export const tracingOn = (): boolean => state.on
export const markTracingOn = (): void => {
  state.on = true
}

const tracer = () => trace.getTracer('crest')

export { SpanKind }
export type { Attributes, Span }

/** Records a failure on a span (its exception event and an error status). */
export const failSpan = (span: Span, e: unknown): void => {
  span.recordException(e instanceof Error ? e : String(e))
  span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) })
}

/**
 * Runs `fn` inside a child span of the current one (its children nest under it). With tracing
 * off it only runs `fn`. `kind` is CLIENT for calls that leave the process (gateway, carrier).
 */
export const withSpan = <T>(name: string, attributes: Attributes, fn: () => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> => {
  if (!state.on) return fn()
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn()
    } catch (e) {
      failSpan(span, e)
      throw e
    } finally {
      span.end()
    }
  })
}

/**
 * Starts a span that the caller ends (a leaf: nothing runs inside it) under the current span.
 * Undefined with tracing off, and outside any span: a background poll's statements would
 * otherwise each start a trace of their own (the `requireParentSpan` of OpenTelemetry's pg hook).
 */
export const startLeafSpan = (
  name: string,
  attributes: Attributes,
  kind: SpanKind = SpanKind.CLIENT,
  parent?: Context,
): Span | undefined => {
  if (!state.on) return undefined
  const ctx = parent ?? context.active()
  return trace.getSpan(ctx) ? tracer().startSpan(name, { kind, attributes }, ctx) : undefined
}
