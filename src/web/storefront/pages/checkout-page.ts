import type { Cart, ShippingOption } from '../../../modules/cart/index.ts'
import { formatMoney } from '../../../platform/money/money.ts'
import { html, type SafeHtml } from '../html.ts'
import { renderPage } from '../views/render-page.ts'
import type { Shell } from '../views/shell.ts'
import { fieldError, invalidAttrs, totalsList } from '../views/totals.ts'

/** Countries the checkout offers (the shipping zones price the rest of the world too, but keep the list short). */
export const CHECKOUT_COUNTRIES = [
  'NO',
  'SE',
  'DK',
  'FI',
  'IS',
  'DE',
  'AT',
  'BE',
  'CH',
  'ES',
  'FR',
  'GB',
  'IE',
  'IT',
  'NL',
  'PL',
  'PT',
  'US',
  'CA',
  'AU',
] as const

/** The sandbox gateway's test tokens, as a shopper-facing select. */
export const PAYMENT_TOKENS = [
  { value: 'tok_ok', label: 'Test card — approved' },
  { value: 'tok_declined', label: 'Test card — declined' },
  { value: 'tok_slow', label: 'Test card — approved after 2 seconds' },
] as const

export type CheckoutField =
  | 'email'
  | 'name'
  | 'line1'
  | 'city'
  | 'postal_code'
  | 'region'
  | 'country'
  | 'shipping_option_id'
  | 'payment_token'

/** What the shopper typed, kept across re-renders. */
export type CheckoutForm = Readonly<Record<CheckoutField, string>>

export type CheckoutView = {
  readonly cart: Cart
  readonly form: CheckoutForm
  /** a new one-time key at each rendering: "Place order" sent twice with it places one order */
  readonly attempt: string
  readonly options: readonly ShippingOption[]
  /** the cart priced with the chosen shipping and destination, when known */
  readonly priced?: Cart
  readonly errors?: Partial<Readonly<Record<CheckoutField | 'items' | 'general', string>>>
  /** the countries in the select (always includes the store's default country) */
  readonly countries: readonly string[]
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' })
const countryName = (code: string): string => regionNames.of(code) ?? code

const LABELS: Readonly<Record<CheckoutField, string>> = {
  email: 'E-mail',
  name: 'Full name',
  line1: 'Street address',
  city: 'City',
  postal_code: 'Postal code',
  region: 'State or province',
  country: 'Country',
  shipping_option_id: 'Shipping method',
  payment_token: 'Payment',
}

const idOf = (f: CheckoutField): string => `co-${f.replace('_', '-')}`

const textField = (v: CheckoutView, f: CheckoutField, type: string, autocomplete: string, max: number): SafeHtml => {
  const id = idOf(f)
  const err = v.errors?.[f]
  return html`<div class="field">
<label for="${id}">${LABELS[f]}</label>
<input id="${id}" name="${f}" type="${type}" autocomplete="${autocomplete}" maxlength="${max}" required value="${v.form[f]}"${invalidAttrs(id, err)}>
${fieldError(id, err)}
</div>`
}

/** Optional: where tax depends on it (a US state, a Canadian province), its code prices the order. */
const regionField = (v: CheckoutView): SafeHtml => {
  const id = idOf('region')
  const err = v.errors?.region
  return html`<div class="field">
<label for="${id}">${LABELS.region} <span class="optional">(optional)</span></label>
<input id="${id}" name="region" type="text" autocomplete="address-level1" maxlength="10" value="${v.form.region}" aria-describedby="${id}-hint${err ? ` ${id}-error` : ''}"${err && html` aria-invalid="true"`}>
<p class="hint" id="${id}-hint">Its code, e.g. CA or NY; the tax of some states and provinces depends on it.</p>
${fieldError(id, err)}
</div>`
}

const countryField = (v: CheckoutView): SafeHtml => {
  const id = idOf('country')
  const err = v.errors?.country
  return html`<div class="field">
<label for="${id}">${LABELS.country}</label>
<select id="${id}" name="country" autocomplete="country"${invalidAttrs(id, err)}>${v.countries.map(
    (c) => html`<option value="${c}"${c === v.form.country && html` selected`}>${countryName(c)}</option>`,
  )}</select>
${fieldError(id, err)}
<button type="submit" class="secondary" name="action" value="shipping" formnovalidate>Update shipping options</button>
</div>`
}

const shippingField = (v: CheckoutView): SafeHtml => {
  const id = idOf('shipping_option_id')
  const err = v.errors?.shipping_option_id
  return html`<fieldset class="choices" id="${id}"${invalidAttrs(id, err)}>
<legend>${LABELS.shipping_option_id} to ${countryName(v.form.country)}</legend>
${
  v.options.length === 0
    ? html`<p>We do not ship to ${countryName(v.form.country)} yet.</p>`
    : v.options.map(
        (
          o,
        ) => html`<label class="opt"><input type="radio" name="shipping_option_id" value="${o.id}" required${o.id === v.form.shipping_option_id && html` checked`}>
<span class="opt-name">${o.name}</span> <span class="opt-meta">${o.amount.amount === 0 ? 'Free' : formatMoney(o.amount)}</span></label>`,
      )
}
${fieldError(id, err)}
</fieldset>`
}

const paymentField = (v: CheckoutView): SafeHtml => {
  const id = idOf('payment_token')
  const err = v.errors?.payment_token
  return html`<div class="field">
<label for="${id}">${LABELS.payment_token} (sandbox)</label>
<select id="${id}" name="payment_token"${invalidAttrs(id, err)}>${PAYMENT_TOKENS.map(
    (t) => html`<option value="${t.value}"${t.value === v.form.payment_token && html` selected`}>${t.label}</option>`,
  )}</select>
${fieldError(id, err)}
</div>`
}

/** The errors at the top, each linking to its field, so screen-reader and keyboard users find them. */
const errorSummary = (v: CheckoutView): SafeHtml => {
  const e = v.errors ?? {}
  const fields = (Object.keys(LABELS) as CheckoutField[]).filter((f) => e[f])
  if (!e.general && !e.items && fields.length === 0) return html``
  return html`<div class="alert" role="alert" id="checkout-errors">
<h2>We could not place your order</h2>
${e.general && html`<p>${e.general}</p>`}
${e.items && html`<p><a href="#summary-items">${e.items}</a></p>`}
${fields.length > 0 && html`<ul>${fields.map((f) => html`<li><a href="#${idOf(f)}">${LABELS[f]}: ${e[f]}</a></li>`)}</ul>`}
</div>`
}

const summary = (v: CheckoutView): SafeHtml => {
  const c = v.priced ?? v.cart
  return html`<aside class="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Order summary</h2>
<ul class="summary-items" id="summary-items">${c.items.map(
    (i) =>
      html`<li><span>${i.quantity} × ${i.product_title}${i.title && i.title !== 'Default' && html` — ${i.title}`}</span> <span>${formatMoney(i.total)}</span></li>`,
  )}</ul>
${fieldError('summary-items', v.errors?.items)}
${totalsList({ ...c, shipping_total: v.priced ? c.shipping_total : null })}
<p><a href="/cart">Edit cart</a></p>
</aside>`
}

/** Contact, address, shipping method and (sandbox) payment as one POST form that works without JavaScript. */
export const checkoutPage = (shell: Shell, v: CheckoutView): string =>
  renderPage(
    shell,
    { title: 'Checkout', description: `Checkout at ${shell.storeName}.`, path: '/checkout', noindex: true },
    html`<section class="checkout-page">
<h1>Checkout</h1>
${errorSummary(v)}
<div class="checkout-grid">
<form class="checkout" method="post" action="/checkout" novalidate>
<input type="hidden" name="attempt" value="${v.attempt}">
<fieldset>
<legend>Contact</legend>
${textField(v, 'email', 'email', 'email', 254)}
</fieldset>
<fieldset>
<legend>Shipping address</legend>
${textField(v, 'name', 'text', 'name', 200)}
${textField(v, 'line1', 'text', 'address-line1', 200)}
${textField(v, 'postal_code', 'text', 'postal-code', 20)}
${textField(v, 'city', 'text', 'address-level2', 100)}
${regionField(v)}
${countryField(v)}
</fieldset>
${shippingField(v)}
<fieldset>
<legend>Payment</legend>
${paymentField(v)}
</fieldset>
<button type="submit" name="action" value="place" class="place">Place order</button>
</form>
${summary(v)}
</div>
</section>`,
  )
