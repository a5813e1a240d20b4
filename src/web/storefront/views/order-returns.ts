import type { Order } from '../../../modules/orders/index.ts'
import type { Return } from '../../../modules/returns/index.ts'
import { formatMoney } from '../../../platform/money/money.ts'
import type { ExchangeChoice } from '../exchange-choices.ts'
import { html, type SafeHtml, safeUrl } from '../html.ts'
import { when, words } from './order-timeline.ts'

/** The reasons a shopper can pick (sent as the return's reason). */
export const RETURN_REASONS = ['Does not fit', 'Damaged or faulty', 'Not as described', 'Changed my mind'] as const

/** What the shopper reads for each error code of `POST /store/orders/{id}/returns`. */
export const RETURN_ERROR_TEXT: Readonly<Record<string, string>> = {
  none_chosen: 'Choose at least one item to return.',
  order_not_returnable: 'This order cannot be returned yet: nothing of it has shipped.',
  return_window_closed: 'The return window for this order has closed.',
  item_not_returnable: 'One of the chosen items cannot be returned.',
  return_quantity_exceeded: 'You chose more units than are left to return.',
  exchange_unavailable: 'The item you asked for in exchange is not available.',
  exchange_price_differs: 'An exchange must be for an item at the same price.',
  invalid_request: 'Please check the items and reasons you chose.',
}

const STEP_TEXT: Readonly<Record<string, string>> = {
  requested: 'Return requested',
  approved: 'Return approved',
  rejected: 'Return not accepted',
  label_created: 'Return label ready',
  exchange_created: 'Replacement order placed',
  received: 'Returned items received',
  refunded: 'Refund issued',
}

const RETURNABLE = new Set(['fulfilled', 'partially_fulfilled', 'partially_returned'])

const oneReturn = (r: Return): SafeHtml =>
  html`<article class="return" data-return="${r.id}">
<h3>Return <span class="return-id">${r.id}</span>: <strong class="return-status">${words(r.status)}</strong></h3>
<ul class="return-items">${r.items.map((i) => html`<li>${i.quantity} × ${i.title} <span class="note">(${i.reason})</span>${i.exchange_variant_id ? ' — exchange' : ''}</li>`)}</ul>
${r.label && html`<p class="return-label">Send it back with ${r.label.carrier} <a href="${safeUrl(r.label.label_url)}" rel="noopener noreferrer">print the return label</a> (tracking <a href="${safeUrl(r.label.tracking_url)}" rel="noopener noreferrer">${r.label.tracking_number}</a>).</p>`}
${r.refund_amount.amount > 0 && html`<p class="return-refund">Refund: ${formatMoney(r.refund_amount)} (${words(r.refund_status)})</p>`}
<ol class="timeline return-steps">${r.steps.map(
    (s) =>
      html`<li data-step="${s.step}"><time datetime="${s.at}">${when(s.at)}</time> <span class="what">${STEP_TEXT[s.step] ?? words(s.step)}</span>${
        s.note && html` <span class="note">(${s.note})</span>`
      }</li>`,
  )}</ol>
</article>`

/** Units of each order item not yet in a return (rejected ones give theirs back). */
const leftToReturn = (o: Order, returns: readonly Return[]): Map<string, number> => {
  const left = new Map(o.items.map((i) => [i.id, i.quantity]))
  for (const r of returns)
    if (r.status !== 'rejected' && r.order_id === o.id)
      for (const i of r.items) left.set(i.item_id, (left.get(i.item_id) ?? 0) - i.quantity)
  return left
}

const requestForm = (
  o: Order,
  token: string | undefined,
  returns: readonly Return[],
  choices: ReadonlyMap<string, ExchangeChoice[]>,
): SafeHtml | false => {
  const left = leftToReturn(o, returns)
  const items = o.items.filter((i) => (left.get(i.id) ?? 0) > 0)
  if (!token || !RETURNABLE.has(o.fulfillment_status) || o.status === 'canceled' || items.length === 0) return false
  return html`<form class="return-form" method="post" action="/orders/${encodeURIComponent(o.id)}/returns">
<h3>Request a return</h3>
<input type="hidden" name="token" value="${token}">
${items.map(
  (i) => html`<fieldset class="return-line" data-item="${i.id}"><legend>${i.title}</legend>
<label>Quantity <select name="qty_${i.id}">${Array.from({ length: (left.get(i.id) ?? 0) + 1 }, (_, n) => html`<option value="${n}">${n}</option>`)}</select></label>
<label>Reason <select name="reason_${i.id}">${RETURN_REASONS.map((r) => html`<option>${r}</option>`)}</select></label>
${
  choices.get(i.id)?.length &&
  html`<label>Instead of a refund <select name="exchange_${i.id}"><option value="">Refund me</option>${choices
    .get(i.id)
    ?.map((c) => html`<option value="${c.id}">Exchange for ${c.title}</option>`)}</select></label>`
}
</fieldset>`,
)}
<button type="submit" class="button">Request a return</button>
</form>`
}

/** The order page's returns: each return with its steps, and the form to ask for one (with the order's token). */
export const orderReturns = (
  o: Order,
  v: {
    readonly returns: readonly Return[]
    /** the order's access token: without it (the look-up page) the returns show without the form */
    readonly token?: string
    readonly error?: string
    readonly requested?: string
    readonly exchangeChoices?: ReadonlyMap<string, ExchangeChoice[]>
  },
): SafeHtml =>
  html`<section id="returns" class="returns" aria-labelledby="returns-h">
<h2 id="returns-h">Returns</h2>
${v.error && html`<p class="error" role="alert">${RETURN_ERROR_TEXT[v.error] ?? 'We could not record that return. Please try again.'}</p>`}
${v.requested && html`<p class="confirm" role="status">We have your return request. We will e-mail you at each step.</p>`}
${v.returns.length === 0 && html`<p>No returns for this order.</p>`}
${v.returns.map(oneReturn)}
${requestForm(o, v.token, v.returns, v.exchangeChoices ?? new Map())}
</section>`
