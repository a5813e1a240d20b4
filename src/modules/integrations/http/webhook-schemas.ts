import { z } from 'zod'

export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })

export const createWebhookBody = z
  .object({
    url: z.string().trim().min(1).max(2048).describe('http or https URL that receives the POSTs'),
    event_types: z
      .array(z.string().trim().min(1).max(100))
      .min(1)
      .max(100)
      .describe('topics, e.g. "orders.order_placed.v1", or "*" for all'),
    active: z.boolean().default(true),
  })
  .strict()

export const webhookJson = z.object({
  id: z.string(),
  url: z.string(),
  event_types: z.array(z.string()),
  active: z.boolean(),
  created_at: z.string(),
})

export const createdWebhookSchema = z.object({
  webhook: webhookJson.extend({ secret: z.string().describe('shown only in this response: keep it to verify signatures') }),
})

export const webhookListSchema = z.object({ webhooks: z.array(webhookJson), topics: z.array(z.string()) })

export const attemptJson = z.object({
  attempt: z.number().int(),
  status_code: z.number().int().nullable(),
  duration_ms: z.number().int(),
  error: z.string().nullable(),
  attempted_at: z.string(),
})

export const deliveryJson = z.object({
  id: z.string(),
  webhook_id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  status: z.enum(['queued', 'sending', 'delivered', 'failed']),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  log: z.array(attemptJson),
})

export const deliveryListSchema = z.object({ deliveries: z.array(deliveryJson) })
export const deliverySchema = z.object({ delivery: deliveryJson })

export const webhookIdParams = z.object({ id: z.string().min(1).max(64) })
export const deliveryIdParams = z.object({ delivery_id: z.string().min(1).max(64) })
export const deliveryListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) })

const tags = ['admin: webhooks']
const security = [{ bearerAuth: [] }]

/** The route schemas (request, responses, OpenAPI text) of `webhookAdminRoutes`. */
export const webhookRouteSchemas = {
  create: {
    tags,
    security,
    summary: 'Subscribe a URL to event types; the signing secret is shown only here',
    body: createWebhookBody,
    response: { 201: createdWebhookSchema, 422: errorSchema },
  },
  list: {
    tags,
    security,
    summary: 'Webhook subscriptions (without secrets) and the topics one can subscribe to',
    response: { 200: webhookListSchema },
  },
  remove: {
    tags,
    security,
    summary: 'Delete a subscription with its queued deliveries and log',
    params: webhookIdParams,
    response: { 204: z.null().describe('deleted'), 404: errorSchema },
  },
  deliveries: {
    tags,
    security,
    summary: 'Deliveries of a subscription, newest first, each with its attempt log',
    params: webhookIdParams,
    querystring: deliveryListQuery,
    response: { 200: deliveryListSchema, 404: errorSchema },
  },
  replay: {
    tags,
    security,
    summary: 'Queue a delivered or failed delivery again, due now, attempts reset',
    params: deliveryIdParams,
    response: { 202: deliverySchema, 404: errorSchema, 409: errorSchema },
  },
}
