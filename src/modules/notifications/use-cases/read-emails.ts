import { err, ok } from '../../../platform/result.ts'
import type { NotificationsApi } from '../contract.ts'
import type { NotificationsContext } from '../deps.ts'
import { toEmail, toSummary } from '../store/email-rows.ts'
import { findById, listByOrder } from '../store/email-sql.ts'

export const getEmail =
  (c: NotificationsContext): NotificationsApi['getEmail'] =>
  async (id) => {
    const row = await findById(c.db.orm, id)
    return row ? ok(toEmail(row)) : err({ code: 'NOTIFICATIONS_NOT_FOUND', message: `No e-mail "${id}".` })
  }

export const listForOrder =
  (c: NotificationsContext): NotificationsApi['listForOrder'] =>
  async ({ orderId }) =>
    (await listByOrder(c.db.orm, orderId)).map(toSummary)
