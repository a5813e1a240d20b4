import type { Executor } from '../../../platform/db/database.ts'
import type { AccountEmail, CustomersContext } from '../deps.ts'
import { hashSecret, newSecret } from '../secret-token.ts'
import type { AccountRow } from '../store/account-sql.ts'
import { insertToken } from '../store/token-sql.ts'

type Kind = 'verify_email' | 'reset_password'

const PAGE: Record<Kind, { readonly path: string; readonly template: AccountEmail['template']; readonly prefix: 'cver' | 'crst' }> = {
  verify_email: { path: '/account/verify-email', template: 'account_verify_email', prefix: 'cver' },
  reset_password: { path: '/account/reset-password', template: 'account_password_reset', prefix: 'crst' },
}

/**
 * A single-use link by e-mail: the token's hash is stored (expiring), the token itself only goes
 * into the e-mail, which is queued in the same transaction as the token row.
 */
export const sendLink = async (c: CustomersContext, ex: Executor, account: AccountRow, kind: Kind): Promise<void> => {
  const page = PAGE[kind]
  const token = newSecret(page.prefix)
  const tokenHash = hashSecret(token)
  const now = c.clock.now()
  const ttl = kind === 'verify_email' ? c.options.verifyTokenTtlMs : c.options.resetTokenTtlMs
  await insertToken(ex, {
    tokenHash,
    customerId: account.id,
    purpose: kind,
    email: account.email,
    expiresAt: new Date(now.getTime() + ttl),
    createdAt: now,
  })
  await c.sendEmail(
    {
      template: page.template,
      key: `${page.template}:${tokenHash.slice(0, 32)}`,
      to: account.email,
      data: {
        ...(account.name && { customerName: account.name }),
        actionPath: `${page.path}?token=${encodeURIComponent(token)}`,
        expiresInMinutes: Math.round(ttl / 60_000),
      },
    },
    ex,
  )
}
