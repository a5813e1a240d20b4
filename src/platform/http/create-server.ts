import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Logger } from '../logging/create-logger.ts'
import { handleErrors } from './handle-errors.ts'
import { rejectNul } from './reject-nul.ts'

export type HttpServer = FastifyInstance

export type { ZodTypeProvider }

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/** Fastify with zod schemas, JSON logs carrying a request id, and the error shape of API.md. */
export const createServer = (logger: Logger, o: { bodyLimit?: number } = {}): FastifyInstance => {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: o.bodyLimit ?? 1024 * 1024,
    trustProxy: true,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id)
  })
  app.addHook('onResponse', async (req, reply) => {
    // 503 is a deliberate answer (load shed, draining, a provider down): worth a warning, not an error
    const level = reply.statusCode === 503 ? 'warn' : reply.statusCode >= 500 ? 'error' : 'info'
    req.log[level](
      { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    )
  })
  handleErrors(app)
  rejectNul(app)
  return app as unknown as FastifyInstance
}
