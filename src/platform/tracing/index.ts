/** Crest's tracing API (docs/operations.md): spans over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
export { failSpan, SpanKind, startLeafSpan, tracingOn, withSpan, type Attributes, type Span } from './tracer.ts'
export { startTracing, stopTracing, type Tracing, type TracingOptions } from './start-tracing.ts'
export { registerRequestTracing } from './http-tracing.ts'
export { logContext } from './log-context.ts'
export { currentRequestScope, runInRequestScope } from './request-scope.ts'
