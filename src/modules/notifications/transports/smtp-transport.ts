import nodemailer from 'nodemailer'
import { toSendMailOptions } from './mail-message.ts'
import { MailSendError, type MailTransport } from './mail-transport.ts'

export type SmtpOptions = {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start) */
  readonly url: string
  /** connections kept open to the server */
  readonly poolSize: number
  /** for connecting, for the greeting, and for any silence once connected */
  readonly timeoutMs: number
}

const redact = (url: string): string => {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparsable url)'
  }
}

type SmtpError = Error & { code?: string; responseCode?: number; permanent?: boolean }

/**
 * Refused for good: the server answered 5xx (not 503) to a recipient or to the message itself.
 * A refused login (535) is not: it is fixed in configuration, and the e-mail should still go then.
 */
const refusedForGood = (e: SmtpError): boolean => e.permanent === true && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')

/**
 * SMTP through a nodemailer connection pool, with timeouts on every wait. The pool does not
 * re-send a message on its own when a connection drops (`maxRequeues: 0`): every try is one
 * attempt the outbox counts, backs off and, at the last, gives up on.
 */
export const smtpTransport = (o: SmtpOptions): MailTransport => {
  const pool = nodemailer.createTransport({
    pool: true,
    url: o.url,
    maxConnections: o.poolSize,
    maxMessages: 100,
    maxRequeues: 0,
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: o.timeoutMs,
  })
  const describe = `smtp (${redact(o.url)})`
  return {
    describe,
    send: async (m) => {
      try {
        await pool.sendMail(toSendMailOptions(m))
      } catch (e) {
        const se = e as SmtpError
        const reply = se.responseCode ? ` (${se.responseCode})` : ''
        throw new MailSendError(`${describe}: ${se.message}${reply}`, { cause: e, permanent: refusedForGood(se) })
      }
    },
    close: async () => pool.close(),
  }
}
