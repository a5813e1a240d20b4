import type { NotificationsApi } from './contract.ts'
import type { NotificationsContext, NotificationsDeps } from './deps.ts'
import type { NotificationsOptions } from './notifications-config.ts'
import { openTransport } from './transports/open-transport.ts'
import { enqueueEmail } from './use-cases/enqueue-email.ts'
import { eraseEmails } from './use-cases/erase-emails.ts'
import { getEmail, listForOrder } from './use-cases/read-emails.ts'
import { sendDue } from './use-cases/send-due.ts'

export const createNotifications = (deps: NotificationsDeps, options: NotificationsOptions): NotificationsApi => {
  const { transport, random, ...rest } = deps
  const c: NotificationsContext = {
    ...rest,
    options,
    transport: transport ?? openTransport(options.transport),
    random: random ?? Math.random,
  }
  return {
    enqueue: enqueueEmail(c),
    sendDue: sendDue(c),
    getEmail: getEmail(c),
    listForOrder: listForOrder(c),
    eraseEmails: eraseEmails(c),
    close: () => c.transport.close(),
  }
}
