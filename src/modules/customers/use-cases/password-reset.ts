import { err, ok } from '../../../platform/result.ts'
import type { CustomersApi } from '../contract.ts'
import type { CustomersContext } from '../deps.ts'
import { checkEmail, checkPassword } from '../domain/account-input.ts'
import { accountThrottleKey, hashSecret, SECRET_SHAPE } from '../secret-token.ts'
import { findAccount, findAccountByEmail, toCustomer, updateAccount } from '../store/account-sql.ts'
import { deleteSessionsOf } from '../store/session-sql.ts'
import { consumeToken, countTokensSince, expireTokensOf } from '../store/token-sql.ts'
import { hashPassword } from './passwords.ts'
import { sendLink } from './send-link.ts'
import { INVALID_TOKEN } from './verify-email.ts'

/** The same answer whether or not the account exists; at most a few e-mails per account per window. */
export const requestPasswordReset =
  (c: CustomersContext): CustomersApi['requestPasswordReset'] =>
  async (input) => {
    const email = checkEmail(input.email)
    if (!email.ok) return email
    await c.db.orm.transaction(async (tx) => {
      const account = await findAccountByEmail(tx, email.value)
      if (!account) return
      const since = new Date(c.clock.now().getTime() - c.options.resetWindowMs)
      if ((await countTokensSince(tx, account.id, 'reset_password', since)) >= c.options.maxResetEmails) return
      await sendLink(c, tx, account, 'reset_password')
    })
    return ok(null)
  }

/**
 * Uses the link once (a conditional update: of two racing uses one wins): the new password, every
 * session signed out, other reset links void, the address verified (the link reached it), and the
 * account's sign-in throttle cleared.
 */
export const resetPassword =
  (c: CustomersContext): CustomersApi['resetPassword'] =>
  async (input) => {
    if (!SECRET_SHAPE.test(input.token) || !input.token.startsWith('crst_')) return err(INVALID_TOKEN)
    const strong = checkPassword(input.password, '')
    if (!strong.ok) return strong
    // hashed before the transaction: it holds no connection during the ~50 ms of argon2
    const passwordHash = await hashPassword(input.password)
    const now = c.clock.now()
    const outcome = await c.db.orm
      .transaction(async (tx) => {
        const used = await consumeToken(tx, hashSecret(input.token), 'reset_password', now)
        if (!used) return err(INVALID_TOKEN)
        const account = await findAccount(tx, used.customerId)
        if (!account || account.email !== used.email) return err(INVALID_TOKEN)
        const password = checkPassword(input.password, account.email)
        // a weak password rolls the transaction back, so the link stays usable for a better one
        if (!password.ok) throw new WeakPassword(password.error)
        await expireTokensOf(tx, account.id, 'reset_password', now)
        await deleteSessionsOf(tx, account.id)
        const updated = await updateAccount(tx, account.id, {
          passwordHash,
          emailVerifiedAt: account.emailVerifiedAt ?? now,
          updatedAt: now,
        })
        return updated ? ok(updated) : err(INVALID_TOKEN)
      })
      .catch((e: unknown) => {
        if (e instanceof WeakPassword) return err(e.error)
        throw e
      })
    if (!outcome.ok) return outcome
    await c.throttle.clear(accountThrottleKey(outcome.value.email))
    return ok(toCustomer(outcome.value))
  }

class WeakPassword extends Error {
  constructor(readonly error: Extract<ReturnType<typeof checkPassword>, { ok: false }>['error']) {
    super(error.message)
  }
}
