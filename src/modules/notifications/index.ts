export type { Email, EmailRequest, EmailStatus, EmailSummary, Enqueued, EnqueueInput, NotificationsApi, SendDueReport } from './contract.ts'
export { createNotifications } from './create-notifications.ts'
export { ERASED_BODY, ERASED_RECIPIENT } from './domain/erased-email.ts'
export type { NotificationsDeps } from './deps.ts'
export type { AccountEmailData } from './domain/templates/account-emails.ts'
export type {
  EmailLine,
  OrderConfirmationData,
  OrderDeliveredData,
  OrderShippedData,
  PostalAddress,
  PricedLine,
  RefundIssuedData,
  ReturnUpdateData,
} from './domain/templates/template-data.ts'
export type { Brand, RenderedEmail } from './domain/templates/template-kit.ts'
export { renderTemplate, TEMPLATE_NAMES, type TemplateData, type TemplateName } from './domain/templates/templates.ts'
export type { InvalidInputError, NotFoundError, NotificationsError, NotificationsErrorCode, NotificationsFailureCode } from './errors.ts'
export { sendDueJob } from './jobs/send-due-job.ts'
export {
  loadNotificationsConfig,
  NOTIFICATIONS_CONFIG_DEFAULTS,
  type NotificationsConfig,
  type NotificationsOptions,
  notificationsConfigRules,
  notificationsConfigSchema,
  notificationsConfigShape,
  notificationsOptionsFromConfig,
} from './notifications-config.ts'
export { MailSendError, type MailTransport, type OutgoingMail } from './transports/mail-transport.ts'
