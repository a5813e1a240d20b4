import { err, ok } from '../../../platform/result.ts'
import type { CustomersApi } from '../contract.ts'
import type { CustomersContext } from '../deps.ts'
import { accountThrottleKey } from '../secret-token.ts'
import { deleteAccount, findAccount } from '../store/account-sql.ts'
import { deleteAddressesOf } from '../store/address-sql.ts'
import { appendPrivacyLog } from '../store/privacy-log-sql.ts'
import { deleteSessionsOf } from '../store/session-sql.ts'
import { deleteTokensOf } from '../store/token-sql.ts'
import { verifyPassword } from './passwords.ts'

/**
 * GDPR erasure, after the password again: first the customer's orders are anonymised, with the
 * copies other modules keep of them (one transaction, through the app's wiring; refused while an
 * order still has to ship), then one transaction here
 * deletes addresses, tokens, sessions and the account and appends the erasure to the privacy log.
 * A crash between the two leaves the account in place, so erasure can simply be asked again.
 */
export const eraseAccount =
  (c: CustomersContext): CustomersApi['eraseAccount'] =>
  async (customerId, input) => {
    const account = await findAccount(c.db.orm, customerId)
    if (!account) return err({ code: 'CUSTOMERS_NOT_FOUND', message: 'No such account.' })
    if (!(await verifyPassword(account.passwordHash, input.password)))
      return err({ code: 'CUSTOMERS_INVALID_CREDENTIALS', message: 'The password is wrong.' })
    // guest orders by e-mail only for an address the customer proved is theirs: signing up with
    // someone else's address must not let one erase that person's orders
    const anonymised = await c.orders.anonymise({
      customerId,
      accountEmail: account.email,
      ...(account.emailVerifiedAt && { email: account.email }),
    })
    if (!anonymised.ok)
      return err({
        code: 'CUSTOMERS_ORDERS_OPEN',
        message: 'Some of your orders are still to be shipped; the account can be erased once they are.',
        orderIds: anonymised.error.orderIds,
      })
    await c.db.orm.transaction(async (tx) => {
      const addresses = await deleteAddressesOf(tx, customerId)
      await deleteTokensOf(tx, customerId)
      await deleteSessionsOf(tx, customerId)
      await deleteAccount(tx, customerId)
      await appendPrivacyLog(tx, {
        id: c.newId('plog'),
        customerId,
        action: 'erasure',
        details: { addresses, orders: anonymised.value },
        at: c.clock.now(),
      })
    })
    await c.throttle.clear(accountThrottleKey(account.email))
    return ok({ orders: anonymised.value })
  }
