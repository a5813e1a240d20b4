import { sql } from 'drizzle-orm'
import { compiled, compiledSql } from '../../platform/db/compiled-statement.ts'
import { err, ok } from '../../platform/result.ts'
import type { CartApi } from './contract.ts'
import type { CartDeps } from './deps.ts'
import { carts } from './schema.ts'
import { eraseCartEmails, recordCartEmail } from './store/abandoned-sql.ts'
import { touchCart } from './store/cart-rows.ts'
import { addItem, removeItem, updateItem } from './use-cases/change-items.ts'
import { activeCart, viewOf } from './use-cases/load-cart.ts'
import { priceCart } from './use-cases/price-cart.ts'
import { checkoutEmail, listShippingOptions, quoteCheckout } from './use-cases/quote-checkout.ts'

const insertCart = compiled((db) =>
  db
    .insert(carts)
    .values({ id: sql.placeholder('id'), currency: sql.placeholder('currency'), customerId: sql.placeholder('customerId') })
    .returning(),
)

/**
 * The cart moves from active to checking out only once: false when it was not active. The e-mail
 * given at checkout is remembered in the same write (null keeps the one it has). The write is the
 * database function `cart.claim_for_checkout` (migration 0013), which `checkout.place` calls too.
 */
const claimActiveCart = compiledSql<{ claimed: boolean }, { id: string; email: string | null }>(
  () => sql`select cart.claim_for_checkout(${sql.placeholder('id')}, ${sql.placeholder('email')}) as claimed`,
)

type LinesMemo = { variantId: string; quantity: number }[]

/** After a successful change, remembers the cart's lines for `peekLines`. */
const remembering =
  <A extends [string, ...unknown[]]>(d: CartDeps, change: (...a: A) => ReturnType<CartApi['addItem']>) =>
  async (...a: A) => {
    const r = await change(...a)
    if (r.ok) {
      const lines: LinesMemo = r.value.items.map((i) => ({ variantId: i.variant_id, quantity: i.quantity }))
      await d.linesMemo.set(`cart-lines:${a[0]}`, JSON.stringify(lines))
    }
    return r
  }

export const createCartApi = (d: CartDeps): CartApi => ({
  createCart: async ({ currency, customerId }) => {
    const c = currency ?? d.options.defaultCurrency
    if (!d.options.currencies.includes(c))
      return err({ code: 'CART_UNSUPPORTED_CURRENCY', message: `Carts can be in ${d.options.currencies.join(', ')}.` })
    const [row] = await insertCart(d.db.orm, { id: d.newId('cart'), currency: c, customerId: customerId ?? null })
    if (!row) throw new Error('cart insert returned nothing')
    const priced = await priceCart(d, row, [])
    return priced.ok ? ok(priced.value.view) : err({ code: 'CART_NOT_FOUND', message: 'unreachable' })
  },
  getCart: (id) => viewOf(d, id),
  addItem: remembering(d, addItem(d)),
  updateItem: remembering(d, updateItem(d)),
  removeItem: remembering(d, removeItem(d)),
  applyDiscount: async (cartId, code) => {
    const loaded = await activeCart(d, cartId)
    if (!loaded.ok) return loaded
    const trial = await priceCart(d, { ...loaded.value.cart, discountCode: code }, loaded.value.items, { strictDiscount: true })
    if (!trial.ok) return err({ code: 'CART_INVALID_DISCOUNT', message: trial.error.reason, reason: trial.error.reason })
    await touchCart(d.db.orm, cartId, { discountCode: code })
    return viewOf(d, cartId)
  },
  shippingOptions: listShippingOptions(d),
  quote: quoteCheckout(d),
  claimForCheckout: async (tx, cartId, email) =>
    (await claimActiveCart(tx, { id: cartId, email: email === undefined ? null : checkoutEmail(email) }))[0]?.claimed === true,
  rememberEmail: async (cartId, email) => {
    const valid = checkoutEmail(email)
    if (valid) await recordCartEmail(d.db.orm, cartId, valid)
  },
  setStatus: async (cartId, status, tx) => {
    await touchCart(tx ?? d.db.orm, cartId, { status })
  },
  peekLines: async (cartId) => {
    const raw = await d.linesMemo.get(`cart-lines:${cartId}`)
    return raw ? (JSON.parse(raw) as LinesMemo) : null
  },
  eraseEmails: (q, tx) => eraseCartEmails(tx, q),
  mergeInto: async ({ toCartId }) => viewOf(d, toCartId),
})
