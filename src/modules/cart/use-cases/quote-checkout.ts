import { err, ok } from '../../../platform/result.ts'
import type { CartApi } from '../contract.ts'
import type { CartDeps } from '../deps.ts'
import { activeCart } from './load-cart.ts'
import { priceCart } from './price-cart.ts'

const weightOf = (items: readonly { quantity: number; weight_grams: number }[]) => items.reduce((n, i) => n + i.quantity * i.weight_grams, 0)

/** Re-prices the cart at today's prices with the chosen shipping and the destination's tax. */
export const quoteCheckout =
  (d: CartDeps): CartApi['quote'] =>
  async (cartId, input) => {
    const loaded = await activeCart(d, cartId)
    if (!loaded.ok) return loaded
    const { cart, items } = loaded.value
    if (items.length === 0) return err({ code: 'CART_EMPTY', message: 'The cart is empty.' })
    const snapshots = await d.variants(items.map((i) => i.variantId), cart.currency)
    for (const i of items) {
      const s = snapshots.get(i.variantId)
      if (!s?.purchasable || !s.price) {
        return err({ code: 'CART_NOT_PURCHASABLE', message: `${s?.product_title ?? i.variantId} can no longer be bought; remove it to continue.`, variant_id: i.variantId })
      }
    }
    const subtotal = items.reduce((n, i) => n + (snapshots.get(i.variantId)?.price?.amount ?? 0) * i.quantity, 0)
    const weight = items.reduce((n, i) => n + (snapshots.get(i.variantId)?.weight_grams ?? 0) * i.quantity, 0)
    const options = await d.shippingOptions({ country: input.country, currency: cart.currency, subtotal, weightGrams: weight })
    const shipping = options.find((o) => o.id === input.shippingOptionId)
    if (!shipping) return err({ code: 'CART_INVALID_SHIPPING_OPTION', message: `Shipping option "${input.shippingOptionId}" does not deliver to ${input.country}.` })
    const priced = await priceCart(d, cart, items, {
      current: true, shipping, country: input.country, email: input.email, strictDiscount: true, snapshots, ...(input.region && { region: input.region }),
    })
    if (!priced.ok) return err({ code: 'CART_INVALID_DISCOUNT', message: priced.error.reason, reason: priced.error.reason })
    const p = priced.value
    return ok({
      cart: p.view,
      lines: p.view.items.map((l) => ({ variantId: l.variant_id, sku: l.sku, title: `${l.product_title} — ${l.title}`, quantity: l.quantity, unitPrice: l.unit_price.amount })),
      applied: p.discounts.applied,
      shippingOption: { id: shipping.id, name: shipping.name, amount: { amount: p.totals.shippingTotal, currency: cart.currency } },
      totals: p.totals,
    })
  }

export const listShippingOptions =
  (d: CartDeps): CartApi['shippingOptions'] =>
  async (cartId, country) => {
    const loaded = await activeCart(d, cartId)
    if (!loaded.ok) return loaded
    const priced = await priceCart(d, loaded.value.cart, loaded.value.items)
    const subtotal = priced.ok ? priced.value.totals.subtotal : 0
    const weight = priced.ok ? weightOf(priced.value.view.items) : 0
    const options = await d.shippingOptions({ country, currency: loaded.value.cart.currency, subtotal, weightGrams: weight })
    return ok(options.map((o) => ({ id: o.id, name: o.name, amount: { amount: o.amount, currency: loaded.value.cart.currency } })))
  }
