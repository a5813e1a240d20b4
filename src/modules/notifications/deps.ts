import type { Database } from '../../platform/db/database.ts'
import type { NotificationsOptions } from './notifications-config.ts'
import type { MailTransport } from './transports/mail-transport.ts'

export type NotificationsDeps = {
  readonly db: Database
  /** enqueue, due and lease times; processes sharing a database need clocks within seconds of each other */
  readonly clock: { readonly now: () => Date }
  /**
   * Ids of e-mail rows, e.g. `() => newId('mail')`. The id is also the Message-ID's left part and
   * the .eml file name, so letters, digits, `_` and `-` only.
   */
  readonly newId: () => string
  /** overrides the transport the options choose (tests, or a custom provider adapter) */
  readonly transport?: MailTransport
  /** for back-off jitter; default Math.random */
  readonly random?: () => number
}

/** What the use cases get: the deps with the transport and options settled. */
export type NotificationsContext = Omit<NotificationsDeps, 'transport' | 'random'> & {
  readonly options: NotificationsOptions
  readonly transport: MailTransport
  readonly random: () => number
}
