import { err, ok } from '../../../platform/result.ts'
import type { CustomersApi } from '../contract.ts'
import type { CustomersContext } from '../deps.ts'
import { normaliseEmail, MAX_EMAIL, MAX_PASSWORD } from '../domain/account-input.ts'
import { isFirstLock, retryAfterSeconds } from '../domain/throttle-delay.ts'
import type { CustomersError } from '../errors.ts'
import { accountThrottleKey } from '../secret-token.ts'
import { type AccountRow, findAccountByEmail } from '../store/account-sql.ts'
import { issueSession } from './issue-session.ts'
import { verifyPassword } from './passwords.ts'

const INVALID: CustomersError = { code: 'CUSTOMERS_INVALID_CREDENTIALS', message: 'E-mail or password is wrong.' }

const tooMany = (ms: number): CustomersError => ({
  code: 'CUSTOMERS_TOO_MANY_ATTEMPTS',
  message: 'Too many failed sign-ins; wait before trying again, or reset your password.',
  retryAfterSeconds: retryAfterSeconds(ms),
})

/** Tells the owner once per run of failures that their account is being guessed at. */
const noticeLock = async (c: CustomersContext, account: AccountRow): Promise<void> => {
  const hour = Math.floor(c.clock.now().getTime() / 3600_000)
  await c.sendEmail({
    template: 'account_locked',
    key: `account_locked:${account.id}:${hour}`,
    to: account.email,
    data: { ...(account.name && { customerName: account.name }), actionPath: '/account/forgot-password' },
  })
}

/**
 * While the account or the client address is locked, no password is checked at all (429 with the
 * wait); otherwise a wrong password counts one failure on both, and a right one clears the
 * account's count. Unknown e-mails are counted and timed like known ones.
 */
export const signIn =
  (c: CustomersContext): CustomersApi['signIn'] =>
  async (input) => {
    const email = normaliseEmail(input.email)
    const account = { key: accountThrottleKey(email), rule: c.options.accountRule }
    const ip = { key: `ip:${input.ip}`, rule: c.options.ipRule }
    const locked = await c.throttle.lockedForMs([account.key, ip.key])
    if (locked > 0) return err(tooMany(locked))
    const found = email.length <= MAX_EMAIL && input.password.length <= MAX_PASSWORD ? await findAccountByEmail(c.db.orm, email) : null
    if (!(await verifyPassword(found?.passwordHash ?? null, input.password.slice(0, MAX_PASSWORD)))) {
      const [onAccount] = await c.throttle.recordFailure([account, ip])
      if (found && onAccount && isFirstLock(onAccount.failures, account.rule)) await noticeLock(c, found)
      return err(INVALID)
    }
    if (!found) return err(INVALID)
    await c.throttle.clear(account.key)
    if (found.emailVerifiedAt) await c.orders.attachGuestOrders({ email: found.email, customerId: found.id })
    return ok(await issueSession(c, c.db.orm, found))
  }
