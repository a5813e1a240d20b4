import type { Result } from '../../platform/result.ts'
import type { CustomersError } from './errors.ts'

export type Customer = {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly email_verified: boolean
  readonly created_at: string
}

export type AddressInput = {
  readonly name: string
  readonly line1: string
  readonly line2?: string | undefined
  readonly city: string
  readonly region?: string | undefined
  readonly postal_code: string
  readonly country: string
  readonly phone?: string | undefined
}

export type CustomerAddress = AddressInput & { readonly id: string; readonly created_at: string; readonly updated_at: string }

/** A signed-in session: the opaque token goes into the cookie, only its hash is stored. */
export type SessionGrant = { readonly customer: Customer; readonly token: string; readonly expiresAt: Date }

/** The session behind a cookie, with the CSRF token bound to it. */
export type ActiveSession = { readonly customer: Customer; readonly tokenHash: string; readonly csrfToken: string }

/** Everything the store holds about a customer, as they download it. */
export type DataExport = {
  readonly exported_at: string
  readonly customer: Customer & { readonly email_verified_at: string | null; readonly updated_at: string }
  readonly addresses: readonly CustomerAddress[]
  readonly orders: readonly unknown[]
  readonly returns: readonly unknown[]
  readonly sessions: readonly { readonly created_at: string; readonly expires_at: string }[]
  readonly privacy_log: readonly { readonly action: string; readonly at: string; readonly details: unknown }[]
}

export type Page<T> = { readonly items: readonly T[]; readonly next_cursor: string | null }

export type CustomersApi = {
  readonly signUp: (input: {
    readonly email: string
    readonly password: string
    readonly name?: string
  }) => Promise<Result<SessionGrant, CustomersError>>
  /** checks the throttle first (per account and per client address), then the password */
  readonly signIn: (input: {
    readonly email: string
    readonly password: string
    readonly ip: string
  }) => Promise<Result<SessionGrant, CustomersError>>
  readonly signOut: (token: string) => Promise<void>
  /** the session behind a cookie value, or null (unknown, expired, malformed) */
  readonly getSession: (token: string) => Promise<ActiveSession | null>
  readonly getCustomer: (customerId: string) => Promise<Result<Customer, CustomersError>>
  /** e-mails a fresh verification link (the address is unverified) */
  readonly requestVerification: (customerId: string) => Promise<Result<null, CustomersError>>
  /** uses the token once: the address is verified and guest orders placed with it join the account */
  readonly verifyEmail: (token: string) => Promise<Result<Customer, CustomersError>>
  /** always succeeds from the caller's view (no account enumeration); e-mails a link when the account exists */
  readonly requestPasswordReset: (input: { readonly email: string; readonly ip: string }) => Promise<Result<null, CustomersError>>
  /** uses the token once: new password, every session signed out */
  readonly resetPassword: (input: { readonly token: string; readonly password: string }) => Promise<Result<Customer, CustomersError>>
  readonly listAddresses: (customerId: string) => Promise<readonly CustomerAddress[]>
  readonly getAddress: (customerId: string, addressId: string) => Promise<Result<CustomerAddress, CustomersError>>
  readonly addAddress: (customerId: string, input: AddressInput) => Promise<Result<CustomerAddress, CustomersError>>
  readonly updateAddress: (customerId: string, addressId: string, input: AddressInput) => Promise<Result<CustomerAddress, CustomersError>>
  readonly deleteAddress: (customerId: string, addressId: string) => Promise<Result<null, CustomersError>>
  /** the customer's orders, newest first, through the orders module */
  readonly listOrders: (
    customerId: string,
    page: { readonly limit: number; readonly cursor?: string },
  ) => Promise<Result<Page<unknown>, CustomersError>>
  /** everything held about the customer; logged in the privacy log */
  readonly exportData: (customerId: string) => Promise<Result<DataExport, CustomersError>>
  /**
   * Erasure ("delete my account"): the password again, then personal data in the customer's orders
   * is anonymised (figures kept), the account, its addresses, sessions and tokens are deleted, and
   * the erasure is logged.
   */
  readonly eraseAccount: (
    customerId: string,
    input: { readonly password: string },
  ) => Promise<Result<{ readonly orders: number }, CustomersError>>
}
