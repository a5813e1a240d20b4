import type { Executor } from '../../platform/db/database.ts'
import type { Result } from '../../platform/result.ts'
import type { TemplateData, TemplateName } from './domain/templates/templates.ts'
import type { InvalidInputError, NotFoundError } from './errors.ts'
import type { EMAIL_STATUSES } from './schema.ts'

export type EmailStatus = (typeof EMAIL_STATUSES)[number]

/** One template and its data: `{ template: 'order_shipped', data: { … } }`. */
export type EmailRequest = { readonly [K in TemplateName]: { readonly template: K; readonly data: TemplateData[K] } }[TemplateName]

export type EnqueueInput = EmailRequest & {
  /**
   * What makes this notification one of a kind, e.g. `order_confirmation:<order id>` or
   * `order_shipped:<shipment id>`. Enqueuing the same key again keeps the first row (and its data).
   */
  readonly key: string
  readonly to: string
}

/** An e-mail as support and tests see it (no bodies). */
export type EmailSummary = {
  readonly id: string
  readonly key: string
  readonly template: string
  readonly to: string
  readonly order_id: string | null
  readonly subject: string
  readonly status: EmailStatus
  readonly attempts: number
  /** queued: due then; sending: the claim's lease ends then */
  readonly next_attempt_at: string | null
  readonly last_error: string | null
  /** the Message-ID header every attempt carries, e.g. `<mail_…@shop.example>` */
  readonly message_id: string
  readonly created_at: string
  readonly sent_at: string | null
}

export type Email = EmailSummary & { readonly data: unknown; readonly text: string; readonly html: string }

export type Enqueued = {
  readonly email: EmailSummary
  /** false when the key was already enqueued: nothing was written */
  readonly created: boolean
}

export type SendDueReport = {
  /** rows this call claimed */
  readonly claimed: number
  readonly sent: number
  /** failed this time, scheduled again with back-off */
  readonly retrying: number
  /** gave up: last attempt used, or the server refused the message for good */
  readonly failed: number
}

export type NotificationsApi = {
  /**
   * Checks and renders the notification and writes it to the outbox, in `tx` when given (so an
   * event consumer enqueues in the transaction that records the event as handled). Idempotent by
   * `key`: the same key twice keeps one row.
   */
  readonly enqueue: (input: EnqueueInput, tx?: Executor) => Promise<Result<Enqueued, InvalidInputError>>
  /**
   * Claims up to `limit` due e-mails (default: the configured batch size) and sends them through
   * the configured transport: sent, or retried later with back-off, or failed after the last attempt.
   * Safe to run from many processes at once (each row is claimed by one, with a lease).
   */
  readonly sendDue: (input?: { readonly limit?: number }) => Promise<SendDueReport>
  readonly getEmail: (id: string) => Promise<Result<Email, NotFoundError>>
  /** the e-mails about an order, oldest first */
  readonly listForOrder: (input: { readonly orderId: string }) => Promise<EmailSummary[]>
  /**
   * GDPR erasure of the outbox copies: in the e-mails about `orderIds`, and (with `recipient`) the
   * ones to that address about no order (only of `templates` when given), the recipient, template
   * data and bodies are replaced (`erased@erased.invalid`, `erased`); ids, keys, templates, order
   * ids, subjects, statuses and times stay. One still waiting to be sent is failed instead. In `tx`
   * when given (the erasure's transaction). Answers how many rows changed; idempotent.
   */
  readonly eraseEmails: (
    input: {
      readonly orderIds: readonly string[]
      readonly recipient?: { readonly email: string; readonly templates?: readonly TemplateName[] }
    },
    tx?: Executor,
  ) => Promise<number>
  /** closes the transport (the SMTP connection pool); call at shutdown */
  readonly close: () => Promise<void>
}
