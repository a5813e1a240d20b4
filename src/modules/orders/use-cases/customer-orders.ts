import type { Executor } from '../../../platform/db/database.ts'
import { overwriteEventFields } from '../../../platform/outbox/overwrite-event-fields.ts'
import { err, ok } from '../../../platform/result.ts'
import type { OrdersApi } from '../contract.ts'
import type { OrdersDeps } from '../deps.ts'
import { isOpenForErasure } from '../domain/anonymise-order.ts'
import { ERASED_EVENT_FIELDS } from '../events.ts'
import { anonymiseRows, attachByEmail, lockCustomerOrders } from '../store/customer-orders-sql.ts'

export const attachGuestOrders =
  (d: OrdersDeps): OrdersApi['attachGuestOrders'] =>
  async ({ email, customerId }) =>
    attachByEmail(d.db.orm, email.trim().toLowerCase(), customerId, d.clock.now())

/**
 * GDPR erasure of one customer's orders, in one transaction: refused while an order still has to
 * ship (its address is needed), else e-mail, customer link and address (all but the country) are
 * replaced in every order of the account and, given a (verified) e-mail, every guest order with it,
 * and in those orders' events still in the outbox or the dead letters.
 * Inside the caller's transaction when given (the erasure also reaches other modules' copies).
 */
export const anonymiseCustomerOrders =
  (d: OrdersDeps): OrdersApi['anonymiseCustomerOrders'] =>
  async ({ customerId, email }, outer) => {
    const run = async (tx: Executor) => {
      const address = email?.trim().toLowerCase() || undefined
      const rows = await lockCustomerOrders(tx, customerId, address)
      const open = rows.filter(isOpenForErasure).map((r) => r.id)
      if (open.length > 0)
        return err({ code: 'ORDERS_OPEN_FOR_ERASURE' as const, message: 'Some orders are still to be shipped.', orderIds: open })
      const orderIds = await anonymiseRows(tx, customerId, address, d.clock.now())
      // the order events carry the e-mail and the customer link too
      await overwriteEventFields(tx, { aggregateIds: orderIds, ...ERASED_EVENT_FIELDS })
      return ok({ anonymised: orderIds.length, orderIds })
    }
    return outer ? run(outer) : d.db.orm.transaction(run)
  }
