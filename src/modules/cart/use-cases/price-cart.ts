import { err, ok, type Result } from '../../../platform/result.ts'
import type { VariantSnapshot } from '../../catalog/index.ts'
import type { Cart, CartItem } from '../contract.ts'
import type { AppliedDiscounts, CartDeps } from '../deps.ts'
import { computeTotals, type Totals } from '../domain/compute-totals.ts'
import type { CartRow, ItemRow } from '../store/cart-rows.ts'

export type PricedCart = {
  readonly view: Cart
  readonly totals: Totals
  readonly discounts: AppliedDiscounts
  readonly snapshots: ReadonlyMap<string, VariantSnapshot>
}

export type PriceOptions = {
  /** re-price lines at today's catalog price (checkout) instead of the price when added */
  readonly current?: boolean
  readonly shipping?: { readonly id: string; readonly name: string; readonly amount: number }
  readonly country?: string
  readonly region?: string
  readonly email?: string
  /** an invalid code is an error (checkout) instead of being left out (cart view) */
  readonly strictDiscount?: boolean
  /** the lines' variants when the caller has just read them (saves a query) */
  readonly snapshots?: ReadonlyMap<string, VariantSnapshot>
}

const NO_DISCOUNT: AppliedDiscounts = { discountTotal: 0, freeShipping: false, applied: [] }

/** Prices a cart: lines, discounts, shipping, tax, through the one totals function. */
export const priceCart = async (
  d: CartDeps,
  cart: CartRow,
  items: readonly ItemRow[],
  o: PriceOptions = {},
): Promise<Result<PricedCart, { readonly reason: string }>> => {
  const money = (amount: number) => ({ amount, currency: cart.currency })
  const snapshots =
    o.snapshots ??
    (items.length
      ? await d.variants(
          items.map((i) => i.variantId),
          cart.currency,
        )
      : new Map<string, VariantSnapshot>())
  const lines: CartItem[] = items.map((i) => {
    const s = snapshots.get(i.variantId)
    const unit = o.current && s?.price ? s.price.amount : i.unitPrice
    return {
      id: i.id,
      variant_id: i.variantId,
      sku: s?.sku ?? '',
      title: s?.title ?? 'No longer available',
      product_title: s?.product_title ?? '',
      product_handle: s?.product_handle ?? '',
      quantity: i.quantity,
      unit_price: money(unit),
      total: money(unit * i.quantity),
      weight_grams: s?.weight_grams ?? 0,
    }
  })
  const subtotal = lines.reduce((n, l) => n + l.total.amount, 0)
  const shipping = o.shipping?.amount ?? 0
  const ask = (code: string | null) =>
    lines.length ? d.discounts({ code, currency: cart.currency, subtotal, shipping, ...(o.email && { email: o.email }) }) : ok(NO_DISCOUNT)
  const found = await ask(cart.discountCode)
  if (!found.ok && o.strictDiscount) return err(found.error)
  // a code that stopped applying (below its minimum now, expired, used up) stays on the cart with
  // the reason, for the shopper to see and remove; the automatic promotions still apply meanwhile
  const withoutCode = found.ok ? found : await ask(null)
  const discounts = withoutCode.ok ? withoutCode.value : NO_DISCOUNT
  const taxRateBp = await d.taxRateBp({ country: o.country ?? d.options.defaultCountry, ...(o.region && { region: o.region }) })
  const totals = computeTotals({
    lines: lines.map((l) => ({ unitPrice: l.unit_price.amount, quantity: l.quantity })),
    discountTotal: discounts.discountTotal,
    shipping,
    freeShipping: discounts.freeShipping,
    taxRateBp,
    taxInclusive: d.options.taxInclusive,
  })
  const view: Cart = {
    id: cart.id,
    currency: cart.currency,
    status: cart.status,
    items: lines,
    discount_code: cart.discountCode,
    discount_problem: found.ok ? null : found.error.reason,
    discounts: discounts.applied.map((a) => ({ code: a.code, name: a.name, amount: money(a.amount) })),
    subtotal: money(totals.subtotal),
    discount_total: money(totals.discountTotal),
    shipping_total: money(totals.shippingTotal),
    tax_total: money(totals.taxTotal),
    total: money(totals.total),
    tax_inclusive: d.options.taxInclusive,
    created_at: cart.createdAt.toISOString(),
    updated_at: cart.updatedAt.toISOString(),
  }
  return ok({ view, totals, discounts, snapshots })
}
