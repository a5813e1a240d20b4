import type { CustomersApi } from '../contract.ts'
import type { CustomersContext } from '../deps.ts'
import { csrfTokenFor, hashSecret, SECRET_SHAPE } from '../secret-token.ts'
import { toCustomer } from '../store/account-sql.ts'
import { deleteSession, findSessionAccount } from '../store/session-sql.ts'

export const getSession =
  (c: CustomersContext): CustomersApi['getSession'] =>
  async (token) => {
    if (!SECRET_SHAPE.test(token) || !token.startsWith('cses_')) return null
    const tokenHash = hashSecret(token)
    const account = await findSessionAccount(c.db.orm, tokenHash, c.clock.now())
    return account ? { customer: toCustomer(account), tokenHash, csrfToken: csrfTokenFor(token) } : null
  }

export const signOut =
  (c: CustomersContext): CustomersApi['signOut'] =>
  async (token) => {
    if (SECRET_SHAPE.test(token)) await deleteSession(c.db.orm, hashSecret(token))
  }
