export type {
  CreatedWebhook,
  CreateWebhookInput,
  IntegrationsApi,
  SendDueReport,
  Webhook,
  WebhookAttempt,
  WebhookDelivery,
} from './contract.ts'
export { createIntegrations, WEBHOOK_CONSUMER } from './create-integrations.ts'
export type { IntegrationsDeps, IntegrationsOptions } from './deps.ts'
export { nextAttemptAt, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS } from './domain/retry-schedule.ts'
export type { IntegrationsError, IntegrationsErrorCode } from './errors.ts'
export { webhookAdminRoutes } from './http/webhook-routes.ts'
export { webhookBody } from './use-cases/record-event.ts'
