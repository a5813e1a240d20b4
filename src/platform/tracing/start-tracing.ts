import { context, propagation, trace } from '@opentelemetry/api'
import { markTracingOn, tracingOn } from './tracer.ts'

export type TracingOptions = {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces` as JSON */
  readonly endpoint: string | undefined
  readonly serviceName: string
  readonly serviceVersion: string
  readonly role: string
}
export type Tracing = { readonly flush: () => Promise<void>; readonly shutdown: () => Promise<void> }
const NONE: Tracing = { flush: async () => {}, shutdown: async () => {} }

/**
 * Turns tracing on when an OTLP endpoint is configured: a tracer provider batching spans to the
 * collector, W3C trace-context propagation (incoming `traceparent` continues a caller's trace), and
 * async-context tracking so a request's database and gateway spans nest under it. Once per process.
 * The SDK is loaded only then: without an endpoint a process (and every CLI command) starts without it.
 */
export const startTracing = async (o: TracingOptions): Promise<Tracing> => {
  if (!o.endpoint || tracingOn()) return NONE
  const [{ AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { OTLPTraceExporter }, { resourceFromAttributes }, sdk] =
    await Promise.all([
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace'),
    ])
  const { BatchSpanProcessor, TracerProvider } = sdk
  const url = `${o.endpoint.replace(/\/$/, '')}/v1/traces`
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': o.serviceName,
      'service.version': o.serviceVersion,
      'service.instance.id': `${process.pid}`,
      'crest.role': o.role,
    }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }), scheduledDelayMillis: 1000, maxQueueSize: 4096 })],
  })
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  trace.setGlobalTracerProvider(provider)
  markTracingOn()
  current = { flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() }
  return current
}

let current: Tracing = NONE
/** Sends the spans still buffered and stops exporting (at process exit); nothing when tracing is off. */
export const stopTracing = (): Promise<void> => current.shutdown().catch(() => undefined)
