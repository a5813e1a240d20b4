import type { ConsumerRegistry } from '../../platform/bus/consumer-registry.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { Job } from '../../platform/jobs/run-every.ts'
import type { Result } from '../../platform/result.ts'
import type { IntegrationsError } from './errors.ts'

export type Webhook = {
  readonly id: string
  readonly url: string
  readonly eventTypes: readonly string[]
  readonly active: boolean
  readonly createdAt: Date
}

/** Returned once, at creation: the only time the secret is shown. */
export type CreatedWebhook = Webhook & { readonly secret: string }

export type WebhookAttempt = {
  readonly attempt: number
  readonly statusCode: number | null
  readonly durationMs: number
  readonly error: string | null
  readonly attemptedAt: Date
}

export type WebhookDelivery = {
  readonly id: string
  readonly subscriptionId: string
  readonly eventId: string
  readonly eventType: string
  readonly status: 'queued' | 'sending' | 'delivered' | 'failed'
  readonly attempts: number
  readonly nextAttemptAt: Date | null
  readonly lastError: string | null
  readonly createdAt: Date
  readonly deliveredAt: Date | null
  readonly log: readonly WebhookAttempt[]
}

export type CreateWebhookInput = { readonly url: string; readonly eventTypes: readonly string[]; readonly active?: boolean }

export type SendDueReport = { readonly claimed: number; readonly delivered: number; readonly retrying: number; readonly failed: number }

/** Which deliveries' bodies an erasure rewrites, and how (see `overwriteEventData`). */
export type EventDataOverwrite = {
  readonly topics: readonly string[]
  /** a field of the event's data, e.g. `order_id`, and the values that select a delivery */
  readonly field: string
  readonly values: readonly string[]
  /** fields of the event's data and their new values; a field the data lacks is left out */
  readonly fields: Readonly<Record<string, string | null>>
}

export type IntegrationsApi = {
  readonly createWebhook: (input: CreateWebhookInput) => Promise<Result<CreatedWebhook, IntegrationsError>>
  readonly listWebhooks: () => Promise<readonly Webhook[]>
  readonly deleteWebhook: (id: string) => Promise<Result<null, IntegrationsError>>
  readonly listDeliveries: (input: {
    readonly webhookId: string
    readonly limit?: number
  }) => Promise<Result<readonly WebhookDelivery[], IntegrationsError>>
  readonly replayDelivery: (deliveryId: string) => Promise<Result<WebhookDelivery, IntegrationsError>>
  /** Sends what is due: one HTTP attempt per claimed delivery. The scheduled job calls it. */
  readonly sendDue: (input?: { readonly limit?: number }) => Promise<SendDueReport>
  /**
   * Erasure: rewrites the bodies of the deliveries (queued or sent) of those events, in the
   * caller's transaction, so a queued one sends the erased body and none keeps the old one. The
   * number of deliveries changed.
   */
  readonly overwriteEventData: (o: EventDataOverwrite, tx: Executor) => Promise<number>
  /** The topics a subscription may name (besides `*`). */
  readonly topics: readonly string[]
  readonly registerConsumers: (registry: ConsumerRegistry) => void
  readonly jobs: readonly Job[]
}
