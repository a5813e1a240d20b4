import type { FastifyPluginAsync, FastifyReply, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { errorBody } from '../../http/error-body.ts'
import { assertNever } from '../../result.ts'
import type { DeadLetter, DeadLetterError, DeadLettersApi } from '../dead-letters.ts'
import { deadLetterIdParams, deadLetterListQuery, deadLetterPageSchema, deadLetterSchema, errorSchema } from './dead-letter-schemas.ts'

export type DeadLetterRoutesDeps = {
  readonly deadLetters: DeadLettersApi
  /** the staff guard (a bearer-token preHandler), passed in: platform knows no staff module */
  readonly requireStaff: preHandlerHookHandler
}

const security = [{ bearerAuth: [] }]
const tags = ['admin: events']

const statusOf = (e: DeadLetterError): { status: number; code: string } => {
  switch (e.code) {
    case 'BUS_DEAD_LETTER_NOT_FOUND':
      return { status: 404, code: 'not_found' }
    case 'BUS_DEAD_LETTER_ALREADY_REPLAYED':
      return { status: 409, code: 'already_replayed' }
    case 'BUS_INVALID_CURSOR':
      return { status: 400, code: 'invalid_cursor' }
    default:
      return assertNever(e)
  }
}

const sendError = (reply: FastifyReply, e: DeadLetterError) => {
  const { status, code } = statusOf(e)
  const { code: _internal, message, ...details } = e
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}

const toJson = (d: DeadLetter) => ({
  id: d.id,
  consumer: d.consumer,
  event_id: d.eventId,
  topic: d.topic,
  aggregate_id: d.aggregateId,
  payload: d.payload,
  error: d.error,
  attempts: d.attempts,
  first_failed_at: d.firstFailedAt.toISOString(),
  last_failed_at: d.lastFailedAt.toISOString(),
  replayed_at: d.replayedAt?.toISOString() ?? null,
})

/** `/dead-letters`: events a consumer gave up on, and their replay. Register with prefix `/admin`. */
export const deadLetterAdminRoutes =
  (d: DeadLetterRoutesDeps): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.addHook('preHandler', d.requireStaff)
    app.addHook('onSend', async (_req, reply) => {
      reply.header('cache-control', 'private, no-store')
    })

    app.get(
      '/dead-letters',
      {
        schema: {
          tags,
          security,
          summary: 'Events a consumer gave up on after its last attempt, newest first',
          querystring: deadLetterListQuery,
          response: { 200: deadLetterPageSchema, 400: errorSchema },
        },
      },
      async (req, reply) => {
        const q = req.query
        const r = await d.deadLetters.listDeadLetters({
          status: q.status,
          limit: q.limit,
          ...(q.consumer && { consumer: q.consumer }),
          ...(q.topic && { topic: q.topic }),
          ...(q.cursor && { cursor: q.cursor }),
        })
        if (!r.ok) return sendError(reply, r.error)
        return { dead_letters: r.value.deadLetters.map(toJson), next_cursor: r.value.nextCursor }
      },
    )

    app.post(
      '/dead-letters/:id/replay',
      {
        schema: {
          tags,
          security,
          summary: 'Queue the event again for its consumer (fresh attempts); the dead letter is marked replayed',
          params: deadLetterIdParams,
          response: { 202: deadLetterSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.deadLetters.replayDeadLetter(req.params.id)
        if (!r.ok) return sendError(reply, r.error)
        return reply.code(202).send({ dead_letter: toJson(r.value) })
      },
    )
  }
