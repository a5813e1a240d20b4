import { err, ok } from '../../../platform/result.ts'
import type { CustomersApi } from '../contract.ts'
import type { CustomersContext } from '../deps.ts'
import { findAccount, toCustomer } from '../store/account-sql.ts'
import { listAddressRows, toAddress } from '../store/address-sql.ts'
import { appendPrivacyLog, listPrivacyLog } from '../store/privacy-log-sql.ts'
import { listSessionsOf } from '../store/session-sql.ts'
import { allOrdersOf } from './customer-orders.ts'

/** Everything held about the customer, as JSON (GDPR access and portability); the export is logged. */
export const exportData =
  (c: CustomersContext): CustomersApi['exportData'] =>
  async (customerId) => {
    const account = await findAccount(c.db.orm, customerId)
    if (!account) return err({ code: 'CUSTOMERS_NOT_FOUND', message: 'No such account.' })
    const now = c.clock.now()
    const [addresses, sessions, orders] = [
      await listAddressRows(c.db.orm, customerId),
      await listSessionsOf(c.db.orm, customerId),
      await allOrdersOf(c, customerId),
    ]
    const returns: unknown[] = []
    for (const o of orders) if (c.returnsOf) returns.push(...(await c.returnsOf((o as { id: string }).id)))
    const details = { addresses: addresses.length, orders: orders.length, returns: returns.length }
    await appendPrivacyLog(c.db.orm, { id: c.newId('plog'), customerId, action: 'export', details, at: now })
    const log = await listPrivacyLog(c.db.orm, customerId)
    return ok({
      exported_at: now.toISOString(),
      customer: {
        ...toCustomer(account),
        email_verified_at: account.emailVerifiedAt?.toISOString() ?? null,
        updated_at: account.updatedAt.toISOString(),
      },
      addresses: addresses.map(toAddress),
      orders,
      returns,
      sessions: sessions.map((s) => ({ created_at: s.createdAt.toISOString(), expires_at: s.expiresAt.toISOString() })),
      privacy_log: log.map((l) => ({ action: l.action, at: l.at.toISOString(), details: l.details })),
    })
  }
