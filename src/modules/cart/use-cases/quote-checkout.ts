import { err, ok, type Result } from '../../../platform/result.ts'
import type { CartApi } from '../contract.ts'
import type { CartDeps } from '../deps.ts'
import type { CartError } from '../errors.ts'
import { recordCartEmail } from '../store/abandoned-sql.ts'
import { activeCart } from './load-cart.ts'
import { priceCart } from './price-cart.ts'

type Choice = Parameters<NonNullable<CartDeps['chooseShipping']>>[0]

/** The chosen option at its chargeable price: through `chooseShipping` when wired, else among the listed options. */
const chooseShipping = async (d: CartDeps, c: Choice): Promise<Result<{ id: string; name: string; amount: number }, CartError>> => {
  const unknown = (message: string) => err({ code: 'CART_INVALID_SHIPPING_OPTION' as const, message })
  if (d.chooseShipping) {
    const r = await d.chooseShipping(c)
    if (r.ok) return r
    return r.error.expired ? err({ code: 'CART_SHIPPING_QUOTE_EXPIRED', message: r.error.message }) : unknown(r.error.message)
  }
  const options = await d.shippingOptions(c)
  const found = options.find((o) => o.id === c.optionId)
  return found ? ok(found) : unknown(`Shipping option "${c.optionId}" does not deliver to ${c.country}.`)
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,63}$/

/** The address given at checkout as the cart remembers it, or null when it is not well-formed. */
export const checkoutEmail = (raw: string): string | null => {
  const email = raw.trim().toLowerCase()
  return EMAIL.test(email) ? email : null
}

const weightOf = (items: readonly { quantity: number; weight_grams: number }[]) =>
  items.reduce((n, i) => n + i.quantity * i.weight_grams, 0)

/** Re-prices the cart at today's prices with the chosen shipping and the destination's tax. */
export const quoteCheckout =
  (d: CartDeps): CartApi['quote'] =>
  async (cartId, input) => {
    const loaded = await activeCart(d, cartId)
    if (!loaded.ok) return loaded
    const { cart, items } = loaded.value
    if (items.length === 0) return err({ code: 'CART_EMPTY', message: 'The cart is empty.' })
    // the address given at checkout is who the abandoned-cart reminder writes to, should it come to that
    const email = checkoutEmail(input.email)
    if (input.rememberEmail !== false && email && email !== cart.email) await recordCartEmail(d.db.orm, cartId, email)
    const snapshots = await d.variants(
      items.map((i) => i.variantId),
      cart.currency,
    )
    for (const i of items) {
      const s = snapshots.get(i.variantId)
      if (!s?.purchasable || !s.price) {
        return err({
          code: 'CART_NOT_PURCHASABLE',
          message: `${s?.product_title ?? i.variantId} can no longer be bought; remove it to continue.`,
          variant_id: i.variantId,
        })
      }
    }
    const subtotal = items.reduce((n, i) => n + (snapshots.get(i.variantId)?.price?.amount ?? 0) * i.quantity, 0)
    const weight = items.reduce((n, i) => n + (snapshots.get(i.variantId)?.weight_grams ?? 0) * i.quantity, 0)
    const choice = {
      cartId,
      country: input.country,
      currency: cart.currency,
      subtotal,
      weightGrams: weight,
      optionId: input.shippingOptionId,
    }
    const chosen = await chooseShipping(d, choice)
    if (!chosen.ok) return chosen
    const shipping = chosen.value
    const priced = await priceCart(d, cart, items, {
      current: true,
      shipping,
      country: input.country,
      email: input.email,
      strictDiscount: true,
      snapshots,
      ...(input.region && { region: input.region }),
    })
    if (!priced.ok) return err({ code: 'CART_INVALID_DISCOUNT', message: priced.error.reason, reason: priced.error.reason })
    const p = priced.value
    return ok({
      cart: p.view,
      lines: p.view.items.map((l) => ({
        variantId: l.variant_id,
        sku: l.sku,
        title: `${l.product_title} — ${l.title}`,
        quantity: l.quantity,
        unitPrice: l.unit_price.amount,
      })),
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
    const options = await d.shippingOptions({ cartId, country, currency: loaded.value.cart.currency, subtotal, weightGrams: weight })
    return ok(options.map((o) => ({ id: o.id, name: o.name, amount: { amount: o.amount, currency: loaded.value.cart.currency } })))
  }
