import type { Webhook, WebhookDelivery } from '../contract.ts'
import type { AttemptRow, DeliveryRow, SubscriptionRow } from '../store/webhook-sql.ts'

export const toWebhook = (r: SubscriptionRow): Webhook => ({
  id: r.id,
  url: r.url,
  eventTypes: r.eventTypes,
  active: r.active,
  createdAt: r.createdAt,
})

export const toDelivery = (r: DeliveryRow, log: readonly AttemptRow[]): WebhookDelivery => ({
  id: r.id,
  subscriptionId: r.subscriptionId,
  eventId: r.eventId,
  eventType: r.eventType,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt,
  lastError: r.lastError,
  createdAt: r.createdAt,
  deliveredAt: r.deliveredAt,
  log: log.map((a) => ({
    attempt: a.attempt,
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    error: a.error,
    attemptedAt: a.attemptedAt,
  })),
})
