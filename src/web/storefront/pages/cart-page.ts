import type { Cart, CartItem } from '../../../modules/cart/index.ts'
import { formatMoney } from '../../../platform/money/money.ts'
import { html, type SafeHtml } from '../html.ts'
import { renderPage } from '../views/render-page.ts'
import type { Shell } from '../views/shell.ts'
import { fieldError, invalidAttrs, totalsList } from '../views/totals.ts'

export type CartErrors = {
  /** a message about the cart as a whole (shown at the top) */
  readonly general?: string
  readonly discount?: string
  /** per cart line id */
  readonly items?: Readonly<Record<string, string>>
}

export type CartView = {
  readonly cart: Cart | null
  readonly errors?: CartErrors
  /** the code the shopper typed, kept when it was refused */
  readonly discountCode?: string
  /** the largest quantity one line may have */
  readonly maxQuantity: number
}

const lineName = (i: CartItem): string => (i.title && i.title !== 'Default' ? `${i.product_title} — ${i.title}` : i.product_title)

const line = (i: CartItem, v: CartView): SafeHtml => {
  const id = `qty-${i.id}`
  const err = v.errors?.items?.[i.id]
  const name = lineName(i)
  return html`<li class="line">
<div class="line-info">
<h2 class="line-title"><a href="/p/${i.product_handle}?variant=${i.variant_id}">${i.product_title}</a></h2>
${i.title && i.title !== 'Default' && html`<p class="line-variant">${i.title}</p>`}
<p class="line-unit">${formatMoney(i.unit_price)} each</p>
</div>
<form class="line-qty" method="post" action="/cart/items/${i.id}">
<label for="${id}">Quantity<span class="sr-only"> of ${name}</span></label>
<input id="${id}" name="quantity" type="number" min="0" max="${v.maxQuantity}" step="1" value="${i.quantity}" inputmode="numeric" required${invalidAttrs(id, err)}>
<button type="submit" class="secondary">Update<span class="sr-only"> ${name}</span></button>
${fieldError(id, err)}
</form>
<form class="line-remove" method="post" action="/cart/items/${i.id}/remove">
<button type="submit" class="link">Remove<span class="sr-only"> ${name}</span></button>
</form>
<p class="line-total">${formatMoney(i.total)}</p>
</li>`
}

const discountForm = (cart: Cart, v: CartView): SafeHtml => {
  // an error from this request first; else why the cart's code does not apply any more
  const err = v.errors?.discount ?? cart.discount_problem ?? undefined
  return html`<form class="discount" method="post" action="/cart/discount">
<div class="field">
<label for="discount-code">Discount code</label>
<input id="discount-code" name="code" type="text" maxlength="64" autocomplete="off" autocapitalize="characters" value="${v.discountCode ?? cart.discount_code ?? ''}"${invalidAttrs('discount-code', err)}>
${fieldError('discount-code', err)}
</div>
<button type="submit" class="secondary">Apply</button>
${cart.discount_code && html`<button type="submit" class="link" name="remove" value="1">Remove code ${cart.discount_code}</button>`}
</form>`
}

/** The cart: lines with quantity and remove forms, a discount code form, totals and the way to checkout. Never cached. */
export const cartPage = (shell: Shell, v: CartView): string => {
  const cart = v.cart
  const empty = !cart || cart.items.length === 0
  return renderPage(
    shell,
    { title: 'Your cart', description: `Your shopping cart at ${shell.storeName}.`, path: '/cart', noindex: true },
    html`<section class="cart-page">
<h1>Your cart</h1>
${v.errors?.general && html`<div class="alert" role="alert"><p>${v.errors.general}</p></div>`}
${
  empty || !cart
    ? html`<p>Your cart is empty.</p>
<p><a class="button" href="/">Continue shopping</a></p>`
    : html`<ul class="lines">${cart.items.map((i) => line(i, v))}</ul>
<div class="cart-side">
${discountForm(cart, v)}
${totalsList({ ...cart, shipping_total: cart.shipping_total.amount > 0 ? cart.shipping_total : null })}
<p class="actions"><a class="button" href="/checkout">Checkout</a> <a class="button secondary" href="/">Continue shopping</a></p>
</div>`
}
</section>`,
  )
}
