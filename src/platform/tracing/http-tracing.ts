import { type Context, context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import type { FastifyInstance, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { runInRequestScope } from './request-scope.ts'
import { tracingOn } from './tracer.ts'

type RequestTrace = { readonly requestId: string; span?: Span; ctx?: Context }
declare module 'fastify' {
  interface FastifyRequest {
    requestTrace?: RequestTrace
  }
}

const enter = (t: RequestTrace, done: HookHandlerDoneFunction) =>
  t.ctx ? context.with(t.ctx, () => runInRequestScope(t, done)) : runInRequestScope(t, done)

const startServerSpan = (req: FastifyRequest, t: RequestTrace) => {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers)
  const q = req.url.indexOf('?')
  t.span = trace.getTracer('crest').startSpan(
    req.method,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': req.method,
        'url.path': q === -1 ? req.url : req.url.slice(0, q),
        'url.scheme': req.protocol,
        'client.address': req.ip,
        'crest.request_id': req.id,
      },
    },
    parent,
  )
  t.ctx = trace.setSpan(parent, t.span)
}

const endServerSpan = (req: FastifyRequest, status: number | null) => {
  const t = req.requestTrace
  const span = t?.span
  if (!t || !span) return
  t.span = undefined
  const route = req.routeOptions.url
  if (route) {
    span.updateName(`${req.method} ${route}`)
    span.setAttribute('http.route', route)
  }
  if (status === null) span.setStatus({ code: SpanStatusCode.ERROR, message: 'client aborted the request' })
  else {
    span.setAttribute('http.response.status_code', status)
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR })
  }
  span.end()
}

/**
 * Every request runs in a scope that names it (its id reaches every log line, see log-context.ts)
 * and, with tracing on, inside a SERVER span named for its route that continues the caller's trace.
 * The scope is entered again after the body is read: body parsing runs outside the request's
 * async context, so without that the handler's database spans would lose their parent.
 * Register it first, before any other hook.
 */
export const registerRequestTracing = (app: FastifyInstance): void => {
  app.addHook('onRequest', (req, _reply, done) => {
    const t: RequestTrace = { requestId: req.id }
    if (tracingOn()) startServerSpan(req, t)
    req.requestTrace = t
    enter(t, done)
  })
  app.addHook('preValidation', (req, _reply, done) => {
    const t = req.requestTrace
    if (t) enter(t, done)
    else done()
  })
  app.addHook('onResponse', (req, reply, done) => {
    endServerSpan(req, reply.statusCode)
    done()
  })
  app.addHook('onRequestAbort', (req, done) => {
    endServerSpan(req, null)
    done()
  })
}
