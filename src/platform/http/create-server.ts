import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, LogController } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Logger } from '../logging/create-logger.ts'
import { errorBody } from './error-body.ts'
import { handleErrors } from './handle-errors.ts'
import { rejectNul } from './reject-nul.ts'

export type HttpServer = FastifyInstance

export type { ZodTypeProvider }

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/** Fastify with zod schemas, JSON logs carrying a request id, and the error shape of API.md. */
export const createServer = (logger: Logger, o: { bodyLimit?: number; trustProxy?: boolean | string[] } = {}): FastifyInstance => {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: o.bodyLimit ?? 1024 * 1024,
    // whose X-Forwarded-* headers count (TRUST_PROXY, docs/security.md); the client address rate limits key on
    trustProxy: o.trustProxy ?? true,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    return503OnClosing: true,
    // a URL that cannot be decoded (bad percent-encoding, invalid UTF-8): the one error shape, not Fastify's
    frameworkErrors: (error, _req, res) => {
      const reply = res as unknown as FastifyReply
      reply.code(400).send(errorBody('invalid_request', 'The URL cannot be decoded.', { in: 'url', reason: error.code }))
    },
    forceCloseConnections: 'idle',
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  // callback-style hooks on every request: no promise, no microtask (docs/benchmarks.md)
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id)
    done()
  })
  app.addHook('onResponse', (req, reply, done) => {
    // 503 is a deliberate answer (load shed, draining, a provider down): worth a warning, not an error
    const level = reply.statusCode === 503 ? 'warn' : reply.statusCode >= 500 ? 'error' : 'info'
    req.log[level]({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request')
    done()
  })
  handleErrors(app)
  rejectNul(app)
  return app as unknown as FastifyInstance
}
