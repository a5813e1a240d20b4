import { Counter, Gauge } from 'prom-client'
import { metricsRegistry } from './registry.ts'
import { sourceSet } from './scrape-sources.ts'

/** Checkout outcomes: the bottom of the funnel. Recorded by the checkout wiring (src/observability). */
export const checkoutAttempts = new Counter({
  name: 'crest_checkout_attempts_total',
  help: 'Checkout attempts (POST /store/carts/:id/checkout reaching the checkout use case)',
  registers: [metricsRegistry],
})

export const ordersPlaced = new Counter({
  name: 'crest_orders_placed_total',
  help: 'Orders placed (stock reserved, order created, payment authorised or pending)',
  labelNames: ['currency'] as const,
  registers: [metricsRegistry],
})

export const orderValuePlaced = new Counter({
  name: 'crest_order_value_placed_minor_units_total',
  help: 'Sum of placed order totals, in minor units of the currency (cents)',
  labelNames: ['currency'] as const,
  registers: [metricsRegistry],
})

export const checkoutFailures = new Counter({
  name: 'crest_checkout_failures_total',
  help: 'Checkouts that ended without an order, by stable error code (CHECKOUT_OUT_OF_STOCK, CHECKOUT_PAYMENT_DECLINED …)',
  labelNames: ['code'] as const,
  registers: [metricsRegistry],
})

export const stockConflicts = new Counter({
  name: 'crest_inventory_stock_conflicts_total',
  help: 'Checkouts that lost the race for stock: the cart was fine, the conditional reservation found too little',
  registers: [metricsRegistry],
})

/** The hot-SKU gate (platform/gate): flash-sale buyers admitted to the database path, or told "sold out". */
export const gateAdmissions = new Counter({
  name: 'crest_gate_admissions_total',
  help: 'Flash-sale buyers the hot-SKU gate admitted to the reservation path',
  registers: [metricsRegistry],
})

export const gateRejections = new Counter({
  name: 'crest_gate_rejections_total',
  help: 'Flash-sale buyers the hot-SKU gate answered "sold out" without touching the database',
  registers: [metricsRegistry],
})

/** Where the top sellers' stock comes from (variant id → units available); read at scrape time. */
export const topSellerSources = sourceSet<{ readonly read: () => Promise<ReadonlyMap<string, number>> }>()

/**
 * Units available to sell of the current top sellers (most units ordered through this process
 * lately, at most 10 variants). Across workers the lowest reading wins, so an alert fires as soon
 * as any process sees a top seller running low.
 */
export const topSellerStock = new Gauge({
  name: 'crest_top_seller_stock_available_units',
  help: 'Units available to sell of each current top-selling variant',
  labelNames: ['variant_id'] as const,
  aggregator: 'min',
  registers: [metricsRegistry],
  async collect() {
    this.reset()
    for (const s of topSellerSources.each()) {
      const stock = await s.read().catch(() => new Map<string, number>())
      for (const [variant_id, units] of stock) this.set({ variant_id }, units)
    }
  },
})
