import { err, ok } from '../../../platform/result.ts'
import type { CustomersApi } from '../contract.ts'
import type { CustomersContext } from '../deps.ts'
import type { CustomersError } from '../errors.ts'
import { hashSecret, SECRET_SHAPE } from '../secret-token.ts'
import { findAccount, toCustomer, updateAccount } from '../store/account-sql.ts'
import { consumeToken, countTokensSince, expireTokensOf } from '../store/token-sql.ts'
import { sendLink } from './send-link.ts'

export const INVALID_TOKEN: CustomersError = {
  code: 'CUSTOMERS_INVALID_TOKEN',
  message: 'This link is invalid, used or expired; ask for a new one.',
}

export const requestVerification =
  (c: CustomersContext): CustomersApi['requestVerification'] =>
  async (customerId) =>
    c.db.orm.transaction(async (tx) => {
      const account = await findAccount(tx, customerId)
      if (!account) return err({ code: 'CUSTOMERS_NOT_FOUND', message: 'No such account.' })
      if (account.emailVerifiedAt) return err({ code: 'CUSTOMERS_ALREADY_VERIFIED', message: 'This e-mail address is already verified.' })
      const since = new Date(c.clock.now().getTime() - c.options.resetWindowMs)
      // resending is bounded like reset e-mails: a signed-in script cannot flood the mailbox
      if ((await countTokensSince(tx, customerId, 'verify_email', since)) >= c.options.maxResetEmails) return ok(null)
      await sendLink(c, tx, account, 'verify_email')
      return ok(null)
    })

/**
 * Uses the link once: the address it was sent to is verified (if it is still the account's), and
 * guest orders placed with that address join the account (idempotent; sign-in repeats it).
 */
export const verifyEmail =
  (c: CustomersContext): CustomersApi['verifyEmail'] =>
  async (token) => {
    if (!SECRET_SHAPE.test(token) || !token.startsWith('cver_')) return err(INVALID_TOKEN)
    const now = c.clock.now()
    const verified = await c.db.orm.transaction(async (tx) => {
      const used = await consumeToken(tx, hashSecret(token), 'verify_email', now)
      if (!used) return null
      const account = await findAccount(tx, used.customerId)
      if (!account || account.email !== used.email) return null
      await expireTokensOf(tx, account.id, 'verify_email', now)
      return account.emailVerifiedAt ? account : await updateAccount(tx, account.id, { emailVerifiedAt: now, updatedAt: now })
    })
    if (!verified) return err(INVALID_TOKEN)
    await c.orders.attachGuestOrders({ email: verified.email, customerId: verified.id })
    return ok(toCustomer(verified))
  }
