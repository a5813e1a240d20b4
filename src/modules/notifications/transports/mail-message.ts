import type { SendMailOptions } from 'nodemailer'
import type { OutgoingMail } from './mail-transport.ts'

/** The nodemailer message for an outgoing e-mail (both transports compose with nodemailer). */
export const toSendMailOptions = (m: OutgoingMail): SendMailOptions => ({
  from: { name: m.from.name, address: m.from.address },
  to: m.to,
  subject: m.subject,
  text: m.text,
  html: m.html,
  messageId: m.messageId,
})
