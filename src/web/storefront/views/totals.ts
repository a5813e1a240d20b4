import { formatMoney, type Money } from '../../../platform/money/money.ts'
import { html, type SafeHtml } from '../html.ts'

export type TotalsView = {
  readonly subtotal: Money
  readonly discount_total: Money
  /** null: not known yet (shown as "Calculated at checkout") */
  readonly shipping_total: Money | null
  readonly tax_total: Money
  readonly total: Money
  readonly tax_inclusive: boolean
}

const row = (label: string, value: string, cls = ''): SafeHtml =>
  html`<div class="${`row ${cls}`.trim()}"><dt>${label}</dt><dd>${value}</dd></div>`

/** Subtotal, discount, shipping, VAT and total as a description list; "incl. VAT" when prices include tax. */
export const totalsList = (t: TotalsView): SafeHtml => html`<dl class="totals">
${row('Subtotal', formatMoney(t.subtotal))}
${t.discount_total.amount > 0 && row('Discount', `−${formatMoney(t.discount_total)}`, 'discount')}
${row('Shipping', t.shipping_total === null ? 'Calculated at checkout' : t.shipping_total.amount === 0 ? 'Free' : formatMoney(t.shipping_total))}
${row(t.tax_inclusive ? 'VAT (included)' : 'VAT', formatMoney(t.tax_total))}
<div class="row total"><dt>Total</dt><dd>${formatMoney(t.total)}${t.tax_inclusive && html` <span class="incl">incl. VAT</span>`}</dd></div>
</dl>`

/** A field's error, placed right after it and tied to it with aria-describedby. */
export const fieldError = (id: string, message: string | undefined): SafeHtml =>
  message ? html`<p class="error" id="${id}-error">${message}</p>` : html``

/** The attributes an input with an error carries: aria-invalid and a pointer to its message. */
export const invalidAttrs = (id: string, message: string | undefined): SafeHtml =>
  message ? html` aria-invalid="true" aria-describedby="${id}-error"` : html``
