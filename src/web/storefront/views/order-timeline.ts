import type { Shipment } from '../../../modules/fulfillment/index.ts'
import type { HistoryEntry } from '../../../modules/orders/index.ts'
import { html, type SafeHtml, safeUrl } from '../html.ts'

const FIELD_LABELS: Readonly<Record<HistoryEntry['field'], string>> = {
  status: 'Order',
  payment_status: 'Payment',
  fulfillment_status: 'Delivery',
  return: 'Return',
}

/** "partially_fulfilled" → "partially fulfilled" */
export const words = (s: string): string => s.replace(/_/g, ' ')

export const when = (iso: string): string => {
  const d = new Date(iso)
  return Number.isNaN(d.getTime())
    ? iso
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d).concat(' UTC')
}

type Step = { readonly at: string; readonly kind: 'order' | 'parcel'; readonly what: SafeHtml; readonly note: string }

/**
 * The order's history and its parcels' tracking events, oldest first, in one list: what the
 * shopper sees happen to their order, from placing it to the last parcel delivered.
 */
export const orderTimeline = (history: readonly HistoryEntry[], shipments: readonly Shipment[]): SafeHtml => {
  const steps: Step[] = [
    ...history.map((h): Step => ({ at: h.at, kind: 'order', what: html`${FIELD_LABELS[h.field]}: ${words(h.status)}`, note: h.note })),
    ...shipments.flatMap((s) =>
      s.events.map(
        (e): Step => ({
          at: e.occurred_at,
          kind: 'parcel',
          what: html`Parcel <span class="tracking-number">${s.tracking_number}</span>: ${words(e.status)}`,
          note: e.description,
        }),
      ),
    ),
  ].sort((a, b) => a.at.localeCompare(b.at))
  return html`<ol class="timeline">${steps.map(
    (s) =>
      html`<li class="step-${s.kind}"><time datetime="${s.at}">${when(s.at)}</time> <span class="what">${s.what}</span>${
        s.note && html` <span class="note">(${s.note})</span>`
      }</li>`,
  )}</ol>`
}

/** Each parcel with its tracking number (a link to the carrier), where it is now and what it holds. */
export const parcelList = (shipments: readonly Shipment[]): SafeHtml =>
  html`<ul class="tracking">${shipments
    .filter((s) => s.status !== 'canceled')
    .map(
      (s) =>
        html`<li data-parcel="${s.id}">${s.carrier} <a href="${safeUrl(s.tracking_url)}" rel="noopener noreferrer">${s.tracking_number}</a>: <strong>${words(s.status)}</strong><br><span class="parcel-items">${s.items
          .map((i) => `${i.quantity} × ${i.title}`)
          .join(', ')}</span></li>`,
    )}</ul>`
