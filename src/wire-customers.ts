import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { CartApi } from './modules/cart/index.ts'
import {
  type CustomersApi,
  createCustomers,
  customerStoreRoutes,
  localThrottle,
  redisThrottle,
  readSessionCookie,
  sessionOf,
} from './modules/customers/index.ts'
import type { OrderProcessingApi } from './modules/fulfillment/index.ts'
import type { NotificationsApi, TemplateName } from './modules/notifications/index.ts'
import type { IntegrationsApi } from './modules/integrations/index.ts'
import { ERASED_EVENT_FIELDS, type OrdersApi } from './modules/orders/index.ts'
import type { ReturnsApi } from './modules/returns/index.ts'
import { accountPageRoutes } from './web/account/account-routes.ts'
import type { StorefrontDeps } from './web/storefront/index.ts'
import { AppError } from './platform/app-error.ts'
import type { CacheEngine } from './platform/cache/open-cache.ts'
import type { Config } from './platform/config/load-config.ts'
import type { Database } from './platform/db/database.ts'
import { newId } from './platform/ids/new-id.ts'

type Wiring = {
  readonly db: Database
  readonly cache: CacheEngine
  readonly clock: { readonly now: () => Date }
  readonly orders: OrdersApi
  readonly notifications: NotificationsApi
  readonly returns?: ReturnsApi
  /** order processing (fulfillment): its copies of an order are erased with the order */
  readonly processing?: Pick<OrderProcessingApi, 'eraseForOrders'>
  /** carts: the e-mail a shopper gave at checkout is forgotten with the account */
  readonly carts?: Pick<CartApi, 'eraseEmails'>
  /** outgoing webhooks: the bodies of order events queued or sent to subscribers */
  readonly integrations?: Pick<IntegrationsApi, 'overwriteEventData'>
}

/** The e-mails the account itself caused (not about an order): erased with the account even when its address was never verified. */
const ACCOUNT_TEMPLATES: readonly TemplateName[] = ['account_verify_email', 'account_password_reset', 'account_locked']

/** Customer accounts: orders through their public contract, e-mails through the notifications outbox, throttle in Redis when configured. */
export const wireCustomers = (config: Config, w: Wiring): CustomersApi =>
  createCustomers({
    db: w.db,
    clock: w.clock,
    newId,
    ...(w.returns && { returnsOf: w.returns.listForOrder }),
    throttle: w.cache.redis ? redisThrottle(w.cache.redis, config.REDIS_PREFIX) : localThrottle(),
    orders: {
      list: (q) => w.orders.listOrders({ customerId: q.customerId, limit: q.limit, ...(q.cursor && { cursor: q.cursor }) }),
      attachGuestOrders: (q) => w.orders.attachGuestOrders(q),
      // one transaction: the orders, and every other module's copy of them, through their contracts
      // (docs/customers.md, "Privacy"); a crash leaves all of it as it was, so erasure can be asked again
      anonymise: (q) =>
        w.db.orm.transaction(async (tx) => {
          const r = await w.orders.anonymiseCustomerOrders({ customerId: q.customerId, ...(q.email && { email: q.email }) }, tx)
          if (!r.ok) return { ok: false as const, error: { orderIds: r.error.orderIds } }
          const { orderIds } = r.value
          // every e-mail to a verified address about no order is the customer's; an unverified
          // address may be someone else's, so only the account's own e-mails to it are erased
          const recipient = { email: q.accountEmail, ...(!q.email && { templates: ACCOUNT_TEMPLATES }) }
          await w.notifications.eraseEmails({ orderIds, recipient }, tx)
          await w.processing?.eraseForOrders({ orderIds }, tx)
          await w.returns?.eraseForOrders({ orderIds }, tx)
          await w.carts?.eraseEmails({ customerId: q.customerId, ...(q.email && { email: q.email }) }, tx)
          await w.integrations?.overwriteEventData({ ...ERASED_EVENT_FIELDS, field: 'order_id', values: orderIds }, tx)
          return { ok: true as const, value: r.value.anonymised }
        }),
    },
    sendEmail: async (email, tx) => {
      const r = await w.notifications.enqueue({ template: email.template, key: email.key, to: email.to, data: email.data }, tx)
      if (!r.ok) throw new AppError('CUSTOMERS_EMAIL_FAILED', r.error.message, { details: r.error })
    },
  })

/**
 * Routes of other modules that need "who is signed in" get it through `customerIdOf`: the session
 * is looked up (once) in a preHandler of their own scope, so no other route pays for it.
 */
export const withCustomer =
  (customers: CustomersApi, make: (customerIdOf: (req: FastifyRequest) => string | undefined) => FastifyPluginAsync): FastifyPluginAsync =>
  async (scope) => {
    const ids = new WeakMap<FastifyRequest, string>()
    // callback-style: a guest (no session cookie) passes without a promise
    scope.addHook('preHandler', (req, _reply, done) => {
      if (!readSessionCookie(req)) return done()
      sessionOf(customers, req).then((s) => {
        if (s) ids.set(req, s.customer.id)
        done()
      }, done)
    })
    await scope.register(make((req) => ids.get(req)))
  }

/** The customer store API under /store (docs/customers.md). */
export const customerRoutes = (config: Config, customers: CustomersApi): FastifyPluginAsync =>
  customerStoreRoutes({ customers, cookies: cookiePolicy(config), ...(config.PUBLIC_URL && { publicOrigin: config.PUBLIC_URL }) })

/** The storefront's account pages (/account…). */
export const accountPages = (config: Config, customers: CustomersApi, storefront: StorefrontDeps): FastifyPluginAsync =>
  accountPageRoutes({ customers, cookies: cookiePolicy(config), storefront })

/** Session cookies are Secure in production always, elsewhere when the request came over https. */
const cookiePolicy = (config: Config) => ({ secureAlways: config.NODE_ENV === 'production' })
