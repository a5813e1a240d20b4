import { randomBytes } from 'node:crypto'
import type { IntegrationsApi } from './contract.ts'
import type { IntegrationsContext, IntegrationsDeps, IntegrationsOptions } from './deps.ts'
import { WEBHOOK_RETRY_DELAYS_MS } from './domain/retry-schedule.ts'
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, replayDelivery } from './use-cases/manage-webhooks.ts'
import { recordEvent, recordEvents } from './use-cases/record-event.ts'
import { sendDue } from './use-cases/send-due.ts'
import { overwriteDeliveryData } from './store/webhook-sql.ts'

/** The durable bus consumer that turns events into webhook deliveries. */
export const WEBHOOK_CONSUMER = 'integrations.queue-webhooks'

/** Outgoing webhooks (docs/webhooks.md): subscriptions, the delivery queue and log, the signed sender. */
export const createIntegrations = (deps: IntegrationsDeps, options: IntegrationsOptions): IntegrationsApi => {
  const c: IntegrationsContext = {
    ...deps,
    newSecret: deps.newSecret ?? (() => `whsec_${randomBytes(24).toString('hex')}`),
    options: {
      timeoutMs: 10_000,
      leaseMs: 60_000,
      batchSize: 100,
      concurrency: 4,
      pollIntervalMs: 1_000,
      retryDelaysMs: WEBHOOK_RETRY_DELAYS_MS,
      ...options,
    },
  }
  const send = sendDue(c)
  const handle = recordEvent(c)
  const handleMany = recordEvents(c)
  return {
    createWebhook: createWebhook(c),
    listWebhooks: listWebhooks(c),
    deleteWebhook: deleteWebhook(c),
    listDeliveries: listDeliveries(c),
    replayDelivery: replayDelivery(c),
    sendDue: send,
    overwriteEventData: (o, tx) => overwriteDeliveryData(tx, o),
    topics: c.options.topics,
    registerConsumers: (registry) => {
      for (const topic of c.options.topics) registry.subscribe({ consumer: WEBHOOK_CONSUMER, topic, handle, handleMany })
    },
    jobs: [{ name: 'integrations.send-webhooks', everyMs: c.options.pollIntervalMs, run: () => send({}) }],
  }
}
