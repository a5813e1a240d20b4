import type { Outcome } from './classify-answer.ts'
import type { JourneyKind } from './journey-mix.ts'
import type { Catalog, CatalogVariant } from './read-catalog.ts'
import { type CallContext, call } from './shopper-call.ts'

export type ShopperContext = CallContext & {
  readonly catalog: Catalog
  readonly runId: string
  readonly onOrder: (flash: boolean) => void
}

/** Sandbox gateway test card token that authorises (see the sandbox payments docs). */
export const PAYMENT_TOKEN = 'tok_ok'
const ADDRESS = { name: 'Load Shopper', line1: 'Storgata 1', city: 'Oslo', postal_code: '0155', country: 'NO' }

const pick = <T>(c: ShopperContext, items: readonly T[]): T => items[Math.floor(c.random() * items.length)] as T

/** 80 % of buyers want one of the popular variants, the rest anything in stock. */
const pickVariant = (c: ShopperContext): CatalogVariant => (c.random() < 0.8 ? pick(c, c.catalog.popular) : pick(c, c.catalog.sellable))

const worst = (a: Outcome, b: Outcome): Outcome => {
  const rank: Record<Outcome, number> = { ok: 0, sold_out: 1, shed: 2, error: 3 }
  return rank[b] > rank[a] ? b : a
}

const browse = async (c: ShopperContext): Promise<Outcome> => {
  const first = await call(c, 'GET list', 'GET', '/store/products?limit=20')
  const next = (first.reply.body as { next_cursor?: string | null } | null)?.next_cursor
  if (first.outcome !== 'ok' || !next || c.random() < 0.5) return first.outcome
  return (await call(c, 'GET list', 'GET', `/store/products?limit=20&cursor=${encodeURIComponent(next)}`)).outcome
}

const search = async (c: ShopperContext): Promise<Outcome> => {
  const r = await call(c, 'GET search', 'GET', `/store/products?q=${encodeURIComponent(pick(c, c.catalog.searchTerms))}&limit=20`)
  const hit = (r.reply.body as { products?: { handle: string }[] } | null)?.products?.[0]
  if (r.outcome !== 'ok' || !hit || c.random() < 0.5) return r.outcome
  return (await call(c, 'GET product', 'GET', `/store/products/${encodeURIComponent(hit.handle)}`)).outcome
}

const product = async (c: ShopperContext): Promise<Outcome> =>
  (await call(c, 'GET product', 'GET', `/store/products/${encodeURIComponent(pick(c, c.catalog.handles))}`)).outcome

/** Looks at the product, creates a cart and adds one unit. */
const fillCart = async (c: ShopperContext, v: CatalogVariant, look: boolean): Promise<{ cartId?: string; outcome: Outcome }> => {
  if (look) {
    const p = await call(c, 'GET product', 'GET', `/store/products/${encodeURIComponent(v.handle)}`)
    if (p.outcome !== 'ok') return { outcome: p.outcome }
  }
  const cart = await call(c, 'POST cart', 'POST', '/store/carts', {})
  if (cart.outcome !== 'ok') return { outcome: cart.outcome }
  const cartId = (cart.reply.body as { cart: { id: string } }).cart.id
  const add = await call(c, 'POST cart item', 'POST', `/store/carts/${cartId}/items`, { variant_id: v.id, quantity: 1 })
  return add.outcome === 'ok' ? { cartId, outcome: 'ok' } : { outcome: add.outcome }
}

/** Shipping options for the cart, then the checkout paid with the sandbox's test token. */
const checkOut = async (c: ShopperContext, cartId: string, n: number, flash: boolean): Promise<Outcome> => {
  const so = await call(c, 'GET shipping options', 'GET', `/store/carts/${cartId}/shipping-options?country=NO`)
  if (so.outcome !== 'ok') return so.outcome
  const option = (so.reply.body as { shipping_options: { id: string }[] }).shipping_options[0]
  if (!option) return 'error'
  const body = {
    email: `shopper${n}@loadtest.example`,
    shipping_address: ADDRESS,
    shipping_option_id: option.id,
    payment: { provider: 'sandbox', token: PAYMENT_TOKEN },
  }
  // the same key on every retry: a shed checkout retried can never become two orders
  const r = await call(c, flash ? 'POST checkout (flash)' : 'POST checkout', 'POST', `/store/carts/${cartId}/checkout`, body, {
    'idempotency-key': `${c.runId}-${n}`,
  })
  if (r.outcome === 'ok' && r.reply.status === 201) c.onOrder(flash)
  return r.outcome
}

/** Runs one shopper journey to its end (one shopper: its own waiting-room session); the result is its worst answer. */
export const runJourney = async (shared: ShopperContext, kind: JourneyKind | 'flash', n: number): Promise<Outcome> => {
  const c: ShopperContext = { ...shared, session: {} }
  switch (kind) {
    case 'browse':
      return browse(c)
    case 'search':
      return search(c)
    case 'product':
      return product(c)
    case 'cart':
      return (await fillCart(c, pickVariant(c), true)).outcome
    case 'checkout': {
      const f = await fillCart(c, pickVariant(c), true)
      return f.cartId ? worst(f.outcome, await checkOut(c, f.cartId, n, false)) : f.outcome
    }
    case 'flash': {
      const v = c.catalog.flash
      if (!v) return 'error'
      const f = await fillCart(c, v, false)
      return f.cartId ? worst(f.outcome, await checkOut(c, f.cartId, n, true)) : f.outcome
    }
  }
}
