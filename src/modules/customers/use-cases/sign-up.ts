import { uniqueViolation } from '../../../platform/db/unique-violation.ts'
import { err, ok } from '../../../platform/result.ts'
import type { CustomersApi } from '../contract.ts'
import type { CustomersContext } from '../deps.ts'
import { checkEmail, checkName, checkPassword } from '../domain/account-input.ts'
import { insertAccount } from '../store/account-sql.ts'
import { issueSession } from './issue-session.ts'
import { hashPassword } from './passwords.ts'
import { sendLink } from './send-link.ts'

/** A new account, signed in at once, with a verification link on its way (one transaction). */
export const signUp =
  (c: CustomersContext): CustomersApi['signUp'] =>
  async (input) => {
    const email = checkEmail(input.email)
    if (!email.ok) return email
    const name = checkName(input.name)
    if (!name.ok) return name
    const password = checkPassword(input.password, email.value)
    if (!password.ok) return password
    const passwordHash = await hashPassword(password.value)
    const now = c.clock.now()
    try {
      return ok(
        await c.db.orm.transaction(async (tx) => {
          const account = await insertAccount(tx, {
            id: c.newId('cus'),
            email: email.value,
            name: name.value,
            passwordHash,
            createdAt: now,
            updatedAt: now,
          })
          await sendLink(c, tx, account, 'verify_email')
          return issueSession(c, tx, account)
        }),
      )
    } catch (e) {
      if (!uniqueViolation(e)) throw e
      return err({ code: 'CUSTOMERS_EMAIL_TAKEN', message: 'An account with this e-mail exists; sign in or reset its password.' })
    }
  }
