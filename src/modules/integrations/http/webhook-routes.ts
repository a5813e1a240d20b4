import type { FastifyPluginAsync, FastifyReply, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { errorBody } from '../../../platform/http/error-body.ts'
import { assertNever } from '../../../platform/result.ts'
import type { IntegrationsApi, Webhook, WebhookDelivery } from '../contract.ts'
import type { IntegrationsError } from '../errors.ts'
import { webhookRouteSchemas as routes } from './webhook-schemas.ts'

export type WebhookRoutesDeps = { readonly integrations: IntegrationsApi; readonly requireStaff: preHandlerHookHandler }

/** HTTP statuses and stable public codes of the module's errors. */
export const statusOf = (e: IntegrationsError): { status: number; code: string } => {
  switch (e.code) {
    case 'INTEGRATIONS_INVALID_URL':
      return { status: 422, code: 'invalid_url' }
    case 'INTEGRATIONS_UNKNOWN_EVENT_TYPE':
      return { status: 422, code: 'unknown_event_type' }
    case 'INTEGRATIONS_WEBHOOK_NOT_FOUND':
    case 'INTEGRATIONS_DELIVERY_NOT_FOUND':
      return { status: 404, code: 'not_found' }
    case 'INTEGRATIONS_DELIVERY_IN_PROGRESS':
      return { status: 409, code: 'delivery_in_progress' }
    default:
      return assertNever(e)
  }
}

const sendError = (reply: FastifyReply, e: IntegrationsError) => {
  const { status, code } = statusOf(e)
  const { code: _internal, message, ...details } = e
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}

const webhookJson = (w: Webhook) => ({
  id: w.id,
  url: w.url,
  event_types: [...w.eventTypes],
  active: w.active,
  created_at: w.createdAt.toISOString(),
})

const deliveryJson = (d: WebhookDelivery) => ({
  id: d.id,
  webhook_id: d.subscriptionId,
  event_id: d.eventId,
  event_type: d.eventType,
  status: d.status,
  attempts: d.attempts,
  next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
  last_error: d.lastError,
  created_at: d.createdAt.toISOString(),
  delivered_at: d.deliveredAt?.toISOString() ?? null,
  log: d.log.map((a) => ({
    attempt: a.attempt,
    status_code: a.statusCode,
    duration_ms: a.durationMs,
    error: a.error,
    attempted_at: a.attemptedAt.toISOString(),
  })),
})

/** `/webhooks`: outgoing webhook subscriptions, their delivery log and replay. Register with prefix `/admin`. */
export const webhookAdminRoutes =
  (d: WebhookRoutesDeps): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    const api = d.integrations
    // before validation: a caller without a token learns nothing about the input rules
    app.addHook('onRequest', d.requireStaff)
    app.addHook('onSend', async (_req, reply) => {
      reply.header('cache-control', 'private, no-store')
    })
    app.post('/webhooks', { schema: routes.create }, async (req, reply) => {
      const r = await api.createWebhook({ url: req.body.url, eventTypes: req.body.event_types, active: req.body.active })
      if (!r.ok) return sendError(reply, r.error)
      return reply.code(201).send({ webhook: { ...webhookJson(r.value), secret: r.value.secret } })
    })
    app.get('/webhooks', { schema: routes.list }, async () => ({
      webhooks: (await api.listWebhooks()).map(webhookJson),
      topics: [...api.topics],
    }))
    app.delete('/webhooks/:id', { schema: routes.remove }, async (req, reply) => {
      const r = await api.deleteWebhook(req.params.id)
      return r.ok ? reply.code(204).send(null) : sendError(reply, r.error)
    })
    app.get('/webhooks/:id/deliveries', { schema: routes.deliveries }, async (req, reply) => {
      const r = await api.listDeliveries({ webhookId: req.params.id, limit: req.query.limit })
      return r.ok ? { deliveries: r.value.map(deliveryJson) } : sendError(reply, r.error)
    })
    app.post('/webhooks/deliveries/:delivery_id/replay', { schema: routes.replay }, async (req, reply) => {
      const r = await api.replayDelivery(req.params.delivery_id)
      return r.ok ? reply.code(202).send({ delivery: deliveryJson(r.value) }) : sendError(reply, r.error)
    })
  }
