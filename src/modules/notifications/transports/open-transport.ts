import { fileTransport } from './file-transport.ts'
import type { MailTransport } from './mail-transport.ts'
import { type SmtpOptions, smtpTransport } from './smtp-transport.ts'

export type TransportOptions = ({ readonly kind: 'smtp' } & SmtpOptions) | { readonly kind: 'file'; readonly dir: string }

/** The transport configuration asks for: SMTP when SMTP_URL is set, the file sink otherwise. */
export const openTransport = (o: TransportOptions): MailTransport => (o.kind === 'smtp' ? smtpTransport(o) : fileTransport(o))
