import type { NotificationsApi } from '../contract.ts'
import type { NotificationsContext } from '../deps.ts'
import { eraseEmails as eraseRows } from '../store/erase-sql.ts'

/** GDPR erasure of the outbox copies (recipient, data, bodies) of a customer's e-mails; in `tx` when given. */
export const eraseEmails =
  (c: NotificationsContext): NotificationsApi['eraseEmails'] =>
  async (input, tx) =>
    eraseRows(tx ?? c.db.orm, input)
