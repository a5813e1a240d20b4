import type { SessionGrant } from '../contract.ts'
import type { CustomersContext } from '../deps.ts'
import { hashSecret, newSecret } from '../secret-token.ts'
import { type AccountRow, toCustomer } from '../store/account-sql.ts'
import { deleteExpiredSessionsOf, insertSession } from '../store/session-sql.ts'
import type { Executor } from '../../../platform/db/database.ts'

/** A new opaque session for the account: the token for the cookie, only its hash stored. */
export const issueSession = async (c: CustomersContext, ex: Executor, account: AccountRow): Promise<SessionGrant> => {
  const token = newSecret('cses')
  const now = c.clock.now()
  const expiresAt = new Date(now.getTime() + c.options.sessionTtlMs)
  await deleteExpiredSessionsOf(ex, account.id, now)
  await insertSession(ex, { tokenHash: hashSecret(token), customerId: account.id, expiresAt, createdAt: now })
  return { customer: toCustomer(account), token, expiresAt }
}
