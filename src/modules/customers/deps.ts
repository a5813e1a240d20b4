import type { Database, Executor } from '../../platform/db/database.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'
import type { ThrottleRule } from './domain/throttle-delay.ts'
import type { LoginThrottle } from './throttle/login-throttle.ts'

/** The e-mails the module sends; the app hands them to the notifications module's outbox. */
export type AccountEmail = {
  readonly template: 'account_verify_email' | 'account_password_reset' | 'account_locked'
  /** one of a kind, e.g. `account_verify_email:<token id>` */
  readonly key: string
  readonly to: string
  readonly data: { readonly customerName?: string; readonly actionPath: string; readonly expiresInMinutes?: number }
}

/**
 * Orders as this module needs them (customers depends on platform only, STYLE.md §2): the app
 * wires these to the orders module's public contract.
 */
export type CustomerOrdersPort = {
  readonly list: (q: {
    readonly customerId: string
    readonly limit: number
    readonly cursor?: string
  }) => Promise<
    | { readonly ok: true; readonly value: { readonly orders: readonly unknown[]; readonly next_cursor: string | null } }
    | { readonly ok: false; readonly error: { readonly message: string } }
  >
  /** guest orders placed with `email` (no account yet) join the account; answers how many */
  readonly attachGuestOrders: (q: { readonly email: string; readonly customerId: string }) => Promise<number>
  /**
   * personal data in the account's orders (and, given its verified e-mail, guest orders with it)
   * anonymised, figures kept, and in the copies other modules keep of them (e-mail outbox, parcels,
   * returns), in one transaction; refused (nothing changed) while an order still has to ship
   */
  readonly anonymise: (q: {
    readonly customerId: string
    /** the verified address: guest orders placed with it are the customer's too */
    readonly email?: string
    /** the account's address, verified or not: e-mails sent to it for the account (not about an order) are erased too */
    readonly accountEmail: string
  }) => Promise<
    { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: { readonly orderIds: readonly string[] } }
  >
}

export type CustomersOptions = {
  readonly sessionTtlMs: number
  readonly verifyTokenTtlMs: number
  readonly resetTokenTtlMs: number
  /** failed sign-ins per account (e-mail) and per client address before delays start, and how they grow */
  readonly accountRule: ThrottleRule
  readonly ipRule: ThrottleRule
  /** password reset e-mails per account within `resetWindowMs` */
  readonly maxResetEmails: number
  readonly resetWindowMs: number
}

export const CUSTOMERS_DEFAULTS: CustomersOptions = {
  sessionTtlMs: 30 * 24 * 3600_000,
  verifyTokenTtlMs: 48 * 3600_000,
  resetTokenTtlMs: 3600_000,
  accountRule: { free: 5, baseMs: 1000, maxMs: 15 * 60_000, windowMs: 24 * 3600_000 },
  ipRule: { free: 20, baseMs: 1000, maxMs: 15 * 60_000, windowMs: 3600_000 },
  maxResetEmails: 3,
  resetWindowMs: 15 * 60_000,
}

export type CustomersDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  /** uses the prefixes 'cus', 'addr' and 'plog' */
  readonly newId: (prefix: IdPrefix) => string
  readonly orders: CustomerOrdersPort
  /** queues the e-mail in the notifications outbox, inside `tx` when given (same commit as the token) */
  readonly sendEmail: (email: AccountEmail, tx?: Executor) => Promise<void>
  readonly throttle: LoginThrottle
  /** the returns of an order, for the data export (when a returns module is wired) */
  readonly returnsOf?: (orderId: string) => Promise<readonly unknown[]>
  readonly options?: Partial<CustomersOptions>
}

/** What use cases receive: deps with the options filled in. */
export type CustomersContext = Omit<CustomersDeps, 'options'> & { readonly options: CustomersOptions }
