import type { Shipment } from '../../../modules/fulfillment/index.ts'
import type { Order } from '../../../modules/orders/index.ts'
import { formatMoney } from '../../../platform/money/money.ts'
import { html, type SafeHtml, safeUrl } from '../html.ts'
import { orderTimeline, parcelList, when, words } from '../views/order-timeline.ts'
import { renderPage } from '../views/render-page.ts'
import type { Shell } from '../views/shell.ts'
import { totalsList } from '../views/totals.ts'

const address = (o: Order): SafeHtml => {
  const a = o.shipping_address
  return html`<address>${a.name}<br>${a.line1}<br>${a.line2 && html`${a.line2}<br>`}${a.postal_code} ${a.city}<br>${a.region && html`${a.region}<br>`}${
    new Intl.DisplayNames(['en'], { type: 'region' }).of(a.country) ?? a.country
  }</address>`
}

/** Tracking numbers: each parcel with its status when the parcels are known, else the order's tracking list. */
const tracking = (o: Order, shipments: readonly Shipment[]): SafeHtml | false => {
  if (shipments.length > 0) return parcelList(shipments)
  return (
    o.tracking.length > 0 &&
    html`<ul class="tracking">${o.tracking.map((t) => html`<li>${t.carrier} <a href="${safeUrl(t.url)}" rel="noopener noreferrer">${t.number}</a></li>`)}</ul>`
  )
}

/** An order's status for the shopper holding its link: statuses, items, totals, address, history. Never cached. */
export const orderPage = (
  shell: Shell,
  o: Order,
  v: {
    readonly justPlaced: boolean
    readonly taxInclusive: boolean
    readonly shipments?: readonly Shipment[]
    readonly returns?: SafeHtml
  },
): string =>
  renderPage(
    shell,
    { title: `Order ${o.number}`, description: `The status of order ${o.number}.`, path: `/orders/${o.id}`, noindex: true },
    html`<section class="order-page">
${
  v.justPlaced
    ? html`<div class="confirm" role="status"><h1>Thank you, your order is placed</h1>
<p>Order number <strong class="order-number">${o.number}</strong>. We will write to ${o.email} about it. Keep this page's address to check on your order.</p></div>`
    : html`<h1>Order <span class="order-number">${o.number}</span></h1>`
}
<dl class="statuses">
<div class="row"><dt>Order number</dt><dd data-o="number">${o.number}</dd></div>
<div class="row"><dt>Status</dt><dd data-o="status">${words(o.status)}</dd></div>
<div class="row"><dt>Payment</dt><dd data-o="payment">${words(o.payment_status)}</dd></div>
<div class="row"><dt>Delivery</dt><dd data-o="fulfillment">${words(o.fulfillment_status)}</dd></div>
<div class="row"><dt>Placed</dt><dd>${when(o.created_at)}</dd></div>
</dl>
<h2>Items</h2>
<table class="items">
<thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Price</th><th scope="col">Total</th></tr></thead>
<tbody>${o.items.map(
      (i) =>
        html`<tr><th scope="row">${i.title}</th><td>${i.quantity}</td><td>${formatMoney(i.unit_price)}</td><td>${formatMoney(i.total)}</td></tr>`,
    )}</tbody>
</table>
${totalsList({ ...o, tax_inclusive: v.taxInclusive })}
<div class="order-cols">
<section aria-labelledby="ship-h">
<h2 id="ship-h">Shipping to</h2>
${address(o)}
${o.shipping_option && html`<p>${o.shipping_option.name}</p>`}
${tracking(o, v.shipments ?? [])}
</section>
<section aria-labelledby="hist-h">
<h2 id="hist-h">Timeline</h2>
${orderTimeline(o.history, v.shipments ?? [])}
</section>
</div>
${v.returns}
<p><a class="button" href="/">Continue shopping</a></p>
</section>`,
  )
