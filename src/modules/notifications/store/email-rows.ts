import type { Email, EmailSummary } from '../contract.ts'
import type { emails } from '../schema.ts'

export type EmailRow = typeof emails.$inferSelect

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null)

export const toSummary = (r: EmailRow): EmailSummary => ({
  id: r.id,
  key: r.idempotencyKey,
  template: r.template,
  to: r.recipient,
  order_id: r.orderId,
  subject: r.subject,
  status: r.status,
  attempts: r.attempts,
  next_attempt_at: iso(r.nextAttemptAt),
  last_error: r.lastError,
  message_id: r.messageId,
  created_at: r.createdAt.toISOString(),
  sent_at: iso(r.sentAt),
})

export const toEmail = (r: EmailRow): Email => ({ ...toSummary(r), data: r.data, text: r.textBody, html: r.htmlBody })
