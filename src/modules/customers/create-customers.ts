import type { CustomersApi } from './contract.ts'
import { CUSTOMERS_DEFAULTS, type CustomersContext, type CustomersDeps } from './deps.ts'
import { addAddress, deleteAddress, getAddress, listAddresses, updateAddress } from './use-cases/addresses.ts'
import { listOrders } from './use-cases/customer-orders.ts'
import { eraseAccount } from './use-cases/erase-account.ts'
import { exportData } from './use-cases/export-data.ts'
import { requestPasswordReset, resetPassword } from './use-cases/password-reset.ts'
import { getSession, signOut } from './use-cases/sessions.ts'
import { signIn } from './use-cases/sign-in.ts'
import { signUp } from './use-cases/sign-up.ts'
import { requestVerification, verifyEmail } from './use-cases/verify-email.ts'
import { err, ok } from '../../platform/result.ts'
import { findAccount, toCustomer } from './store/account-sql.ts'

export const createCustomers = (deps: CustomersDeps): CustomersApi => {
  const c: CustomersContext = { ...deps, options: { ...CUSTOMERS_DEFAULTS, ...deps.options } }
  return {
    signUp: signUp(c),
    signIn: signIn(c),
    signOut: signOut(c),
    getSession: getSession(c),
    getCustomer: async (id) => {
      const account = await findAccount(c.db.orm, id)
      return account ? ok(toCustomer(account)) : err({ code: 'CUSTOMERS_NOT_FOUND', message: 'No such account.' })
    },
    requestVerification: requestVerification(c),
    verifyEmail: verifyEmail(c),
    requestPasswordReset: requestPasswordReset(c),
    resetPassword: resetPassword(c),
    listAddresses: listAddresses(c),
    getAddress: getAddress(c),
    addAddress: addAddress(c),
    updateAddress: updateAddress(c),
    deleteAddress: deleteAddress(c),
    listOrders: listOrders(c),
    exportData: exportData(c),
    eraseAccount: eraseAccount(c),
  }
}
