import { trace } from '@opentelemetry/api'
import { currentRequestScope } from './request-scope.ts'
import { tracingOn } from './tracer.ts'

/**
 * pino's mixin: every log line written while serving a request carries its `request_id`, and with
 * tracing on the `trace_id` and `span_id` of the current span (to jump from a log line to its trace).
 * pino merges the line's own fields into the returned object, so it must be a fresh one each time.
 */
export const logContext = (): Record<string, string> => {
  const scope = currentRequestScope()
  const span = tracingOn() ? trace.getActiveSpan() : undefined
  if (!span) return scope ? { request_id: scope.requestId } : {}
  const { traceId, spanId } = span.spanContext()
  return scope ? { request_id: scope.requestId, trace_id: traceId, span_id: spanId } : { trace_id: traceId, span_id: spanId }
}
