import type { Database } from '../../platform/db/database.ts'
import { err, ok, type Result } from '../../platform/result.ts'
import type { Customer, CustomerAddress } from './contract.ts'
import type { CustomersError } from './errors.ts'
import { findAccount, toCustomer } from './store/account-sql.ts'
import { listAddressRows, toAddress } from './store/address-sql.ts'
import { searchAccounts } from './store/admin-customer-sql.ts'

/** A customer as staff see it in lists: the account plus how many orders it has. */
export type AdminCustomer = Customer & {
  readonly order_count: number
  readonly email_verified_at: string | null
  readonly updated_at: string
}

export type CustomersAdminDeps = {
  readonly db: Database
  /** order counts per account id (the orders module's, wired by the app: customers depends on platform only) */
  readonly orderCounts: (customerIds: readonly string[]) => Promise<ReadonlyMap<string, number>>
}

export type CustomersAdminApi = {
  readonly listCustomers: (q: {
    readonly q?: string
    readonly limit: number
    readonly cursor?: string
  }) => Promise<{ readonly customers: readonly AdminCustomer[]; readonly next_cursor: string | null }>
  readonly getCustomerDetail: (
    id: string,
  ) => Promise<Result<{ readonly customer: AdminCustomer; readonly addresses: readonly CustomerAddress[] }, CustomersError>>
}

/** Read side of customer accounts for the admin API (docs/customers.md, "Admin API"). */
export const createCustomersAdmin = (d: CustomersAdminDeps): CustomersAdminApi => {
  const withCounts = async (rows: readonly Parameters<typeof toCustomer>[0][]): Promise<AdminCustomer[]> => {
    const counts = await d.orderCounts(rows.map((r) => r.id))
    return rows.map((r) => ({
      ...toCustomer(r),
      email_verified_at: r.emailVerifiedAt?.toISOString() ?? null,
      updated_at: r.updatedAt.toISOString(),
      order_count: counts.get(r.id) ?? 0,
    }))
  }
  return {
    listCustomers: async (q) => {
      const page = await searchAccounts(d.db.orm, q)
      return { customers: await withCounts(page.rows), next_cursor: page.next_cursor }
    },
    getCustomerDetail: async (id) => {
      const account = await findAccount(d.db.orm, id)
      if (!account) return err({ code: 'CUSTOMERS_NOT_FOUND', message: 'No such account.' })
      const [customer] = await withCounts([account])
      const addresses = (await listAddressRows(d.db.orm, id)).map(toAddress)
      return ok({ customer: customer as AdminCustomer, addresses })
    },
  }
}
