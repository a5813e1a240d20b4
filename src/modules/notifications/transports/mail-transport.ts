import { AppError } from '../../../platform/app-error.ts'

/** One message, ready to go: what every transport receives. */
export type OutgoingMail = {
  /** the outbox row id: names the .eml file of the file sink */
  readonly id: string
  /** `<…@…>`, the same on every attempt, so a duplicate after a crash is recognisable */
  readonly messageId: string
  readonly from: { readonly name: string; readonly address: string }
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html: string
}

/** The port the module sends through: a file sink by default, SMTP when configured. */
export type MailTransport = {
  /** for logs, without credentials */
  readonly describe: string
  /**
   * Resolves once the message is handed over (the file is in place; the SMTP server accepted it).
   * Throws `MailSendError` (NOTIFICATIONS_SEND_FAILED) otherwise.
   */
  readonly send: (mail: OutgoingMail) => Promise<void>
  readonly close: () => Promise<void>
}

export class MailSendError extends AppError {
  /** true when sending the same message again cannot succeed (the server refused it for good) */
  readonly permanent: boolean

  constructor(message: string, o: { cause?: unknown; permanent?: boolean } = {}) {
    super('NOTIFICATIONS_SEND_FAILED', message, { cause: o.cause, details: { permanent: o.permanent ?? false } })
    this.permanent = o.permanent ?? false
  }
}

export const isPermanentFailure = (e: unknown): boolean => e instanceof MailSendError && e.permanent
