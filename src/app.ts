import { createHotMemo } from './platform/cache/hot-memo.ts'
import type { FastifyInstance } from 'fastify'
import { AppError } from './platform/app-error.ts'
import { requireBearer } from './platform/auth/bearer-auth.ts'
import { type ConsumerRegistry, createConsumerRegistry } from './platform/bus/consumer-registry.ts'
import { createDeadLetters } from './platform/bus/dead-letters.ts'
import { deadLetterAdminRoutes } from './platform/bus/http/dead-letter-routes.ts'
import { err, ok } from './platform/result.ts'
import type { CacheEngine } from './platform/cache/open-cache.ts'
import type { Config } from './platform/config/load-config.ts'
import type { Database } from './platform/db/database.ts'
import { createServer } from './platform/http/create-server.ts'
import { registerHealth } from './platform/http/health-routes.ts'
import { runOnce } from './platform/db/run-once.ts'
import { registerIdempotency } from './platform/http/idempotency.ts'
import { registerOpenApi } from './platform/http/openapi.ts'
import { newId } from './platform/ids/new-id.ts'
import type { Logger } from './platform/logging/create-logger.ts'
import { join } from 'node:path'
import {
  CATALOG_READS,
  type CatalogApi,
  catalogAdminRoutes,
  catalogStoreRoutes,
  createCatalog,
  createMediaStore,
  mediaFileRoutes,
} from './modules/catalog/index.ts'
import type { Replicas } from './platform/db/replicas/open-replicas.ts'
import { registerReadYourWrites } from './platform/http/read-your-writes.ts'
import { createInventory, type InventoryApi, inventoryAdminRoutes } from './modules/inventory/index.ts'
import { createStaff, type StaffApi, staffAuthRoutes } from './modules/staff/index.ts'
import { type CartApi, cartStoreRoutes, createCartApi } from './modules/cart/index.ts'
import { type CheckoutApi, checkoutAdminRoutes, checkoutStoreRoutes, createCheckout } from './modules/checkout/index.ts'
import {
  buildCarriers,
  carrierWebhookRoutes,
  createOrderProcessing,
  createShipping,
  type OrderProcessingApi,
  processingAdminRoutes,
  processingOptionsFromConfig,
  type ShippingApi,
  shippingAdminRoutes,
  withTracking,
} from './modules/fulfillment/index.ts'
import {
  createNotifications,
  type NotificationsApi,
  type NotificationsOptions,
  notificationsOptionsFromConfig,
} from './modules/notifications/index.ts'
import { createIntegrations, type IntegrationsApi, webhookAdminRoutes } from './modules/integrations/index.ts'
import { createOrders, ORDERS_TOPICS, type OrdersApi, ordersAdminRoutes, ordersStoreRoutes } from './modules/orders/index.ts'
import { createPayments, type PaymentsApi, paymentsAdminRoutes, paymentsOptionsFromConfig } from './modules/payments/index.ts'
import { applyDiscounts, createPromotions, type PromotionsApi, promotionsAdminRoutes } from './modules/promotions/index.ts'
import { createTax, type TaxApi, taxAdminRoutes } from './modules/tax/index.ts'
import { type AdmissionGate, localGate, redisGate } from './platform/gate/admission-gate.ts'
import { registerLoadShedding } from './platform/http/load-shedding.ts'
import { failOpenGate } from './platform/gate/fail-open-gate.ts'
import { rememberSellOut } from './platform/gate/remembered-sell-out.ts'
import { redisBreaker } from './platform/resilience/engine-breakers.ts'
import { setupResilience } from './platform/resilience/setup-resilience.ts'
import { SUPPORTED_CURRENCIES } from './platform/money/money.ts'
import { storefrontRoutes } from './web/storefront/index.ts'
import { adminAppRoutes } from './web/admin/admin-app-routes.ts'
import { summaryRoutes } from './web/admin/summary-routes.ts'
import { customerOrderCounts, orderSummary } from './modules/orders/index.ts'
import { lowStockLevels } from './modules/inventory/index.ts'
import { type CustomersApi, createCustomersAdmin, customersAdminRoutes, SESSION_COOKIE } from './modules/customers/index.ts'
import { accountPages, customerRoutes, wireCustomers, withCustomer } from './wire-customers.ts'
import { wireWaitingRoom } from './wire-waiting-room.ts'
import { countedGate } from './platform/gate/counted-gate.ts'
import { httpServerRequestsShed } from './platform/metrics/index.ts'
import { instrumentCheckout, instrumentServer, processSales, watchApp } from './observability/index.ts'
import { RETURNS_TOPICS, type ReturnsApi, returnsAdminRoutes, returnsStoreRoutes } from './modules/returns/index.ts'
import { captureOrNothing, wireReturns } from './wire-returns.ts'
import { wireAbandonedCarts } from './wire-abandoned-carts.ts'
import { wireLiveRates } from './wire-live-rates.ts'
import { mfaRequiredRoles, staffSecretCipher, wireStaffSecurity } from './wire-staff-security.ts'
import type { AdminGuard } from './modules/staff/index.ts'
import { cookieOf, registerProtection } from './platform/security/register-protection.ts'
import { VERSION } from './version.ts'

export type Engines = {
  readonly db: Database
  readonly cache: CacheEngine
  readonly logger: Logger
  /** read replicas when DATABASE_REPLICA_URLS is set (docs/replicas.md) */
  readonly replicas?: Replicas
}

export type Modules = {
  readonly catalog: CatalogApi
  readonly inventory: InventoryApi
  readonly staff: StaffApi
  readonly orders: OrdersApi
  readonly payments: PaymentsApi
  readonly promotions: PromotionsApi
  readonly tax: TaxApi
  readonly shipping: ShippingApi
  readonly cart: CartApi
  readonly checkout: CheckoutApi
  readonly gate: AdmissionGate
  /** transactional e-mail: the e-mail outbox and its sender (docs/notifications.md) */
  readonly notifications: NotificationsApi
  readonly notificationsOptions: NotificationsOptions
  /** after checkout: risk, parcels at the carrier, tracking, capture policy, order e-mails (docs/processing.md) */
  readonly processing: OrderProcessingApi
  /** event handlers by topic; `crest serve|start|worker` start the bus with it (docs/events.md) */
  readonly consumers: ConsumerRegistry
  /** outgoing webhooks: subscriptions, signed deliveries with retries, delivery log (docs/webhooks.md) */
  readonly integrations: IntegrationsApi
  /** customer accounts: sessions, addresses, order history, privacy export and erasure (docs/customers.md) */
  readonly customers: CustomersApi
  /** returns and exchanges: policy, labels, receipt and restock, refunds, exchange orders (docs/returns.md) */
  readonly returns: ReturnsApi
  /** the scheduled job that sends one reminder per abandoned cart (docs/processing.md) */
  readonly abandonedCarts: ReturnType<typeof wireAbandonedCarts>
}

export { VERSION }

/** Wires the modules together: one readable place for every dependency. */
export const createModules = (config: Config, e: Engines): Modules => {
  const clock = { now: () => new Date() }
  const invalidate = async (tags: readonly string[]) => {
    // first raise the catalog read floor, so no cache is refilled from a replica without the change (docs/replicas.md)
    await e.replicas?.reads.changed(CATALOG_READS).catch((err) => e.logger.error({ err }, 'could not record the catalog write position'))
    await e.cache.cache.invalidate(tags).catch((err) => e.logger.error({ err, tags }, 'cache invalidation failed'))
  }
  let inventory: InventoryApi | undefined
  const catalog = createCatalog({
    db: e.db,
    ...(e.replicas && { reads: e.replicas.reads }),
    clock,
    newId,
    invalidate,
    defaultCurrency: config.DEFAULT_CURRENCY,
    availability: (ids) => (inventory as InventoryApi).availableFor(ids),
  })
  inventory = createInventory({
    db: e.db,
    newId,
    exactStockBelow: config.STOCK_EXACT_BELOW,
    variantExists: catalog.variantExists,
    onStockChanged: catalog.invalidateVariants,
  })
  const staff = createStaff({
    db: e.db,
    clock,
    newId,
    tokenTtlHours: config.STAFF_TOKEN_TTL_HOURS,
    mfaRequiredRoles: mfaRequiredRoles(config),
    issuer: config.STORE_NAME,
    secretCipher: staffSecretCipher(config, e.logger),
  })
  const commerce = createCommerce(config, e, { catalog, inventory, clock })
  const after = createAfterCheckout(config, e, { ...commerce, inventory, clock })
  const consumers = createConsumerRegistry()
  after.processing.registerConsumers(consumers)
  const integrations = createIntegrations(
    { db: e.db, clock, newId },
    { topics: [...Object.values(ORDERS_TOPICS), ...Object.values(RETURNS_TOPICS)] },
  )
  integrations.registerConsumers(consumers)
  const returns = wireReturns(config, {
    ...e,
    clock,
    catalog,
    inventory,
    orders: commerce.orders,
    payments: commerce.payments,
    notifications: after.notifications,
    shipments: after.processing.listShipments,
  })
  const customers = wireCustomers(config, {
    ...e,
    clock,
    orders: commerce.orders,
    notifications: after.notifications,
    returns,
    processing: after.processing,
    carts: commerce.cart,
    integrations,
  })
  const abandonedCarts = wireAbandonedCarts(config, { db: e.db, clock, catalog, customers, notifications: after.notifications })
  return { catalog, inventory, staff, ...commerce, ...after, consumers, integrations, returns, customers, abandonedCarts }
}

/** What happens after checkout: e-mails and order processing (fulfillment may not import payments or notifications: ports). */
const createAfterCheckout = (
  config: Config,
  e: Engines,
  m: Pick<Modules, 'orders' | 'payments' | 'promotions' | 'inventory'> & { clock: { now: () => Date } },
) => {
  const notificationsOptions = notificationsOptionsFromConfig(config)
  const notifications = createNotifications({ db: e.db, clock: m.clock, newId: () => newId('mail') }, notificationsOptions)
  const options = processingOptionsFromConfig(config)
  if (!options.ok) throw new AppError('CONFIG_INVALID', options.error.message)
  const processing = createOrderProcessing(
    {
      db: e.db,
      clock: m.clock,
      logger: e.logger,
      orders: m.orders,
      inventory: m.inventory,
      carriers: buildCarriers(options.value),
      payments: { capture: captureOrNothing(m.payments, m.orders), void: (orderId) => m.payments.void({ orderId }) },
      releasePromotions: async (orderId, tx) => {
        await m.promotions.releaseRedemptions({ orderId }, tx)
      },
      enqueueEmail: async (email, tx) => {
        const r = await notifications.enqueue(email, tx)
        if (!r.ok) throw new AppError(r.error.code, r.error.message, { details: r.error })
      },
    },
    options.value,
  )
  return { notifications, notificationsOptions, processing }
}

/** how long a sold-out flash sale is taken as sold out without asking Redis again (decision 0008) */
const SELL_OUT_REMEMBERED_MS = 100

const createCommerce = (config: Config, e: Engines, m: { catalog: CatalogApi; inventory: InventoryApi; clock: { now: () => Date } }) => {
  const { clock } = m
  const paymentOptions = paymentsOptionsFromConfig(config)
  if (!paymentOptions.ok) throw new AppError('CONFIG_INVALID', paymentOptions.error.message)
  const orders = createOrders({ db: e.db, clock, newId })
  const payments = createPayments({ db: e.db, clock, newId }, paymentOptions.value)
  const promotions = createPromotions({ db: e.db, clock, newId })
  const tax = createTax({ db: e.db })
  const shipping = createShipping({ db: e.db })
  // Redis down: admissions fail open to the database's conditional write (docs/resilience.md);
  // a sale found sold out is remembered for a moment, so the answers after it cost no Redis call
  const gate = countedGate(
    e.cache.redis
      ? rememberSellOut(failOpenGate(redisGate(e.cache.redis, config.REDIS_PREFIX), redisBreaker(e.cache.redis, e.logger)), {
          ttlMs: SELL_OUT_REMEMBERED_MS,
        })
      : localGate(),
  )
  const cart = createCartApi({
    db: e.db,
    newId,
    linesMemo: createHotMemo({
      ...(e.cache.redis && { redis: e.cache.redis }),
      prefix: config.REDIS_PREFIX,
      ttlSeconds: 24 * 3600,
      maxLocal: 100_000,
    }),
    variants: m.catalog.getVariants,
    available: m.inventory.availableFor,
    discounts: async ({ code, currency, subtotal, shipping: shippingAmount, email }) => {
      const found = await promotions.findApplicable({ currency, subtotal, ...(code && { code }), ...(email && { email }) })
      if (!found.ok) return err({ reason: found.error.message })
      const applied = applyDiscounts({ subtotal, shipping: shippingAmount, applied: found.value })
      return ok({ discountTotal: applied.discountTotal, freeShipping: applied.freeShipping, applied: applied.lines })
    },
    taxRateBp: async (q) => (await tax.rateFor(q)).rateBp,
    // the zone options, or the carrier's live rates kept as quotes checkout charges (docs/processing.md)
    ...wireLiveRates(config, e, { shipping, clock }),
    options: {
      defaultCurrency: config.DEFAULT_CURRENCY,
      currencies: SUPPORTED_CURRENCIES,
      taxInclusive: config.PRICES_INCLUDE_TAX,
      defaultCountry: config.DEFAULT_COUNTRY,
      maxQuantityPerLine: config.CART_MAX_QUANTITY,
      maxLines: 100,
    },
  })
  const checkout = createCheckout({
    db: e.db,
    cart,
    inventory: m.inventory,
    orders,
    payments,
    gate,
    clock,
    newId,
    logger: e.logger,
    redeemPromotions: async (tx, input) => {
      const r = await promotions.redeem(tx, input)
      return r.ok ? ok(null) : err({ message: r.error.message })
    },
    releasePromotions: async (input, tx) => {
      await promotions.releaseRedemptions(input, tx)
    },
    options: {
      reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
      reconcileAfterSeconds: config.PAYMENT_RECONCILE_AFTER_SECONDS,
      // each placement holds at most one connection at a time, and not during the payment call
      maxConcurrentPlacements: config.DATABASE_POOL_SIZE * 2,
      // a quarter of the route's budget may wait in line; the rest stays free for flash-sale buyers
      // holding units and for fast answers ("sold out")
      placementQueue: Math.max(1, Math.floor(config.SHED_CHECKOUT_CONCURRENCY / 4)),
      flashSaleConcurrency: config.CHECKOUT_FLASH_SALE_CONCURRENCY || config.DATABASE_POOL_SIZE,
      queueTimeoutMs: config.CHECKOUT_QUEUE_TIMEOUT_MS,
      flashSaleWaitMs: config.CHECKOUT_FLASH_SALE_WAIT_MS,
      // a buyer who would wait in line and not be done within the latency target is sent back at once (decision 0020)
      maxExpectedMs: config.SHED_LATENCY_TARGET_MS,
    },
  })
  // counted: orders placed, failures by code, stock conflicts (docs/operations.md)
  return { orders, payments, promotions, tax, shipping, gate, cart, checkout: instrumentCheckout(checkout, processSales) }
}

export type BuiltApp = {
  readonly app: FastifyInstance
  readonly modules: Modules
  readonly startDraining: () => void
  /** the guard in front of every /admin route and the routes it saw (docs/staff-security.md) */
  readonly adminGuard: AdminGuard
}

export const buildApp = async (config: Config, e: Engines): Promise<BuiltApp> => {
  const app = createServer(e.logger, { trustProxy: config.TRUST_PROXY })
  instrumentServer(app) // request scope and span, request durations, GET /metrics (docs/operations.md)
  // security headers, CORS, body limits, rate limits per address and per account (docs/security.md)
  await registerProtection(app, config, {
    ...(e.cache.redis && { redis: e.cache.redis }),
    accountOf: (req) =>
      req.principal ? `staff:${req.principal.id}` : cookieOf(req, SESSION_COOKIE) && `customer:${cookieOf(req, SESSION_COOKIE)}`,
    signInRoutes: ['POST /admin/auth/token'],
  })
  const modules = createModules(config, e)
  watchApp(app, {
    db: e.db,
    responseCache: e.cache.cache,
    gateways: modules.payments.gatewayStatus,
    carriers: modules.processing.carrierStatus,
    availableFor: modules.inventory.availableFor,
    tally: processSales,
  })
  let draining = false
  await registerOpenApi(app, { title: config.STORE_NAME, version: VERSION })
  registerHealth(
    app,
    [
      { name: 'database', check: e.db.ping },
      { name: 'cache', check: e.cache.ping, required: false }, // Redis down: fallbacks hold (docs/resilience.md)
    ],
    () => draining,
  )
  // degraded mode and the maintenance switch: breakers, request hooks, stale catalog (docs/resilience.md)
  const resilience = setupResilience(app, config, e)
  // every /admin route: bearer credential, permission matrix, audit trail; MFA and API keys (docs/staff-security.md)
  const adminGuard = await wireStaffSecurity(app, { db: e.db, staff: modules.staff })
  // above the configured load, new shoppers queue for a signed ticket (docs/waiting-room.md)
  await wireWaitingRoom(app, config, e, {
    verifyToken: modules.staff.verifyToken,
    requireStaff: requireBearer(modules.staff.verifyToken),
  })
  registerLoadShedding(
    app,
    {
      checkout: config.SHED_CHECKOUT_CONCURRENCY,
      cart: config.SHED_CART_CONCURRENCY,
      catalog: config.SHED_CATALOG_CONCURRENCY,
      admin: config.SHED_ADMIN_CONCURRENCY,
      other: config.SHED_CATALOG_CONCURRENCY,
    },
    (c) => httpServerRequestsShed.labels(c).inc(),
    // checkout has its own line with a wait timeout (CHECKOUT_QUEUE_TIMEOUT_MS); staff are never cut back
    // slow checkouts or cart writes cut browsing back first: buyers go before browsers
    { targetMs: config.SHED_LATENCY_TARGET_MS, classes: ['catalog', 'cart', 'other'], protect: ['checkout', 'cart'] },
  )
  registerIdempotency(app, e.db, { sessionCookies: [SESSION_COOKIE] })
  if (e.replicas) {
    // writes answer with the primary's WAL position; shoppers' reads wait for it, staff read the primary (docs/replicas.md)
    registerReadYourWrites(app, {
      reads: e.replicas.reads,
      cookieSeconds: config.DATABASE_READ_AFTER_WRITE_SECONDS,
      secureCookie: config.NODE_ENV === 'production',
      primaryFor: (url) => url.startsWith('/admin'),
    })
  }
  const requireStaff = requireBearer(modules.staff.verifyToken)
  const policy = { sMaxAge: config.HTTP_S_MAXAGE, staleWhileRevalidate: config.HTTP_STALE_WHILE_REVALIDATE }
  const cache = resilience.cache
  await app.register(catalogStoreRoutes({ catalog: modules.catalog, cache, policy, defaultCurrency: config.DEFAULT_CURRENCY }), {
    prefix: '/store',
  })
  await app.register(staffAuthRoutes({ staff: modules.staff }), { prefix: '/admin' })
  // uploaded product images: files under MEDIA_DIR, public at /media/uploads/* (docs/catalog-admin.md)
  const media = createMediaStore({ dir: config.MEDIA_DIR ?? join(config.DATA_DIR, 'media'), maxBytes: config.MEDIA_MAX_BYTES })
  await app.register(mediaFileRoutes(media))
  await app.register(catalogAdminRoutes({ catalog: modules.catalog, requireStaff, defaultCurrency: config.DEFAULT_CURRENCY, media }), {
    prefix: '/admin',
  })
  await app.register(inventoryAdminRoutes({ inventory: modules.inventory, requireStaff }), { prefix: '/admin' })
  const m = modules
  await app.register(cartStoreRoutes({ cart: m.cart, defaultCountry: config.DEFAULT_COUNTRY }), { prefix: '/store' })
  await app.register(
    withCustomer(m.customers, (customerIdOf) => checkoutStoreRoutes({ checkout: m.checkout, customerIdOf })),
    { prefix: '/store' },
  )
  // orders as the routes show them: with their parcels' tracking
  const shown = withTracking(m.orders, m.processing.trackingFor)
  await app.register(
    withCustomer(m.customers, (customerIdOf) => ordersStoreRoutes({ orders: shown, customerIdOf })),
    { prefix: '/store' },
  )
  await app.register(customerRoutes(config, m.customers), { prefix: '/store' })
  await app.register(
    withCustomer(m.customers, (customerIdOf) => returnsStoreRoutes({ returns: m.returns, orders: m.orders, customerIdOf })),
    { prefix: '/store' },
  )
  await app.register(carrierWebhookRoutes({ processing: m.processing }), { prefix: '/webhooks' })
  // the admin single-page app at /admin, its files at /admin/app/* (docs/admin-app.md)
  await app.register(adminAppRoutes())
  for (const admin of [
    ordersAdminRoutes({ orders: shown, requireStaff }),
    processingAdminRoutes({ processing: m.processing, requireStaff }),
    checkoutAdminRoutes({ checkout: m.checkout, requireStaff }),
    paymentsAdminRoutes({ payments: m.payments, requireStaff }),
    promotionsAdminRoutes({ promotions: m.promotions, requireStaff }),
    taxAdminRoutes({ tax: m.tax, requireStaff }),
    shippingAdminRoutes({ shipping: m.shipping, requireStaff }),
    deadLetterAdminRoutes({ deadLetters: createDeadLetters(e.db), requireStaff }),
    webhookAdminRoutes({ integrations: m.integrations, requireStaff }),
    returnsAdminRoutes({ returns: m.returns, requireStaff }),
    // customer accounts for staff (docs/customers.md)
    customersAdminRoutes({
      customers: m.customers,
      admin: createCustomersAdmin({ db: e.db, orderCounts: (ids) => customerOrderCounts(e.db.orm, ids) }),
    }),
    resilience.adminRoutes(requireStaff),
    // the admin dashboard's figures (docs/admin-app.md)
    summaryRoutes({
      orderSummary: (q) => orderSummary(e.db.orm, q),
      lowStock: (q) => lowStockLevels(e.db.orm, q),
      variantNames: (ids) => m.catalog.getVariants(ids, config.DEFAULT_CURRENCY),
      clock: { now: () => new Date() },
    }),
  ])
    await app.register(admin, { prefix: '/admin' })
  await app.register(
    storefrontRoutes({
      catalog: modules.catalog,
      cache,
      policy,
      config,
      cart: m.cart,
      checkout: m.checkout,
      orders: shown,
      shipments: m.processing.listShipments,
      returns: m.returns,
      once: runOnce(e.db),
    }),
  )
  await app.register(
    accountPages(config, m.customers, {
      catalog: modules.catalog,
      cache,
      policy,
      config,
      cart: m.cart,
      checkout: m.checkout,
      orders: shown,
    }),
  )
  return {
    app,
    modules,
    adminGuard,
    startDraining: () => {
      draining = true
    },
  }
}
