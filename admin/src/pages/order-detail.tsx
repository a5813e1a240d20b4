import { useState } from 'preact/hooks'
import { api, messageOf } from '../api.ts'
import { money, when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import type { Order, Return } from '../types.ts'

type Shipment = { id: string; carrier: string; tracking_number: string; tracking_url: string; status: string; location_id: string }

const CANCELLABLE = new Set(['pending', 'placed', 'on_hold'])
const REFUNDABLE = new Set(['captured', 'partially_refunded'])

/** One order: items, totals, history, parcels, returns, and the staff actions the API offers. */
export const OrderDetail = ({ id }: { id: string }) => {
  const order = useLoad(() => api<{ order: Order }>('GET', `/orders/${encodeURIComponent(id)}`).then((r) => r.order), [id])
  const shipments = useLoad(
    () => api<{ shipments: Shipment[] }>('GET', `/orders/${encodeURIComponent(id)}/shipments`).then((r) => r.shipments),
    [id],
  )
  const returns = useLoad(() => api<{ returns: Return[] }>('GET', `/orders/${encodeURIComponent(id)}/returns`).then((r) => r.returns), [id])
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [qty, setQty] = useState<Record<string, number>>({})

  const act = async (label: string, run: () => Promise<unknown>) => {
    setBusy(true)
    setNotice(null)
    try {
      await run()
      setNotice({ kind: 'ok', text: `${label}: done.` })
    } catch (e) {
      setNotice({ kind: 'error', text: `${label} failed: ${messageOf(e)}` })
    } finally {
      setBusy(false)
      order.reload()
      shipments.reload()
      returns.reload()
    }
  }

  const o = order.data
  if (order.error) return <p class="error">{order.error}</p>
  if (!o) return <p>Loading…</p>

  const returned = new Map<string, number>()
  for (const r of returns.data ?? [])
    if (r.status !== 'rejected') for (const i of r.items) returned.set(i.item_id, (returned.get(i.item_id) ?? 0) + i.quantity)
  const refundable = (itemId: string, quantity: number) => quantity - (returned.get(itemId) ?? 0)

  /** A staff refund of goods: a return on the order's behalf, approved and received (restocked), which refunds through the gateway once. */
  const refund = () =>
    act('Refund', async () => {
      const items = o.items
        .map((i) => ({ item_id: i.id, quantity: Math.min(qty[i.id] ?? 0, refundable(i.id, i.quantity)), reason: 'refund by staff' }))
        .filter((i) => i.quantity > 0)
      if (items.length === 0) throw new Error('choose at least one unit to refund')
      const created = await api<{ return: Return }>('POST', `/orders/${o.id}/returns`, { items, note: 'refund from the admin app' })
      let ret = created.return
      if (ret.status === 'requested') ret = (await api<{ return: Return }>('POST', `/returns/${ret.id}/approve`, {})).return
      ret = (
        await api<{ return: Return }>('POST', `/returns/${ret.id}/receive`, {
          items: ret.items.map((i) => ({ id: i.id, condition: 'sellable' })),
        })
      ).return
      if (ret.refund_status === 'failed' || ret.refund_status === 'pending')
        await api<{ return: Return }>('POST', `/returns/${ret.id}/refund`, {})
      setQty({})
    })

  return (
    <section class="order-detail">
      <p>
        <a href="#/orders">← Orders</a>
      </p>
      <h1>
        Order #{o.number} <span class={`badge ${o.status}`}>{o.status.replace(/_/g, ' ')}</span>
      </h1>
      <dl class="facts">
        <dt>Customer</dt>
        <dd>{o.email}</dd>
        <dt>Placed</dt>
        <dd>{when(o.created_at)}</dd>
        <dt>Payment</dt>
        <dd data-testid="payment-status">{o.payment_status.replace(/_/g, ' ')}</dd>
        <dt>Fulfilment</dt>
        <dd>{o.fulfillment_status.replace(/_/g, ' ')}</dd>
        <dt>Total</dt>
        <dd>{money(o.total)}</dd>
      </dl>
      {notice && (
        <p class={notice.kind === 'ok' ? 'ok' : 'error'} role="status">
          {notice.text}
        </p>
      )}
      <div class="actions">
        {CANCELLABLE.has(o.status) && o.fulfillment_status === 'unfulfilled' && (
          <button type="button" class="danger" disabled={busy} onClick={() => act('Cancel', () => api('POST', `/orders/${o.id}/cancel`, {}))}>
            Cancel order
          </button>
        )}
        {o.status === 'on_hold' && (
          <>
            <button type="button" disabled={busy} onClick={() => act('Release', () => api('POST', `/held-orders/${o.id}/release`, {}))}>
              Release hold
            </button>
            <button type="button" class="danger" disabled={busy} onClick={() => act('Cancel held order', () => api('POST', `/held-orders/${o.id}/cancel`, {}))}>
              Cancel held order
            </button>
          </>
        )}
      </div>

      <h2>Items</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Item</th>
              <th>SKU</th>
              <th class="num">Qty</th>
              <th class="num">Unit</th>
              <th class="num">Total</th>
              {REFUNDABLE.has(o.payment_status) && <th class="num">Refund qty</th>}
            </tr>
          </thead>
          <tbody>
            {o.items.map((i) => (
              <tr key={i.id}>
                <td>{i.title}</td>
                <td>{i.sku}</td>
                <td class="num">{i.quantity}</td>
                <td class="num">{money(i.unit_price)}</td>
                <td class="num">{money(i.total)}</td>
                {REFUNDABLE.has(o.payment_status) && (
                  <td class="num">
                    <input
                      type="number"
                      class="qty"
                      name={`refund_${i.id}`}
                      aria-label={`Units of ${i.title} to refund`}
                      min={0}
                      max={refundable(i.id, i.quantity)}
                      value={qty[i.id] ?? 0}
                      onInput={(e) => setQty({ ...qty, [i.id]: Number(e.currentTarget.value) })}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {REFUNDABLE.has(o.payment_status) && (
        <div class="actions">
          <button type="button" disabled={busy} onClick={refund}>
            Refund selected units
          </button>
          <span class="hint">Refunds go through a return: approved, received back to stock, refunded once through the gateway.</span>
        </div>
      )}
      {o.payment_status === 'authorized' && (
        <p class="hint">Payment is authorised; it is captured automatically when the order ships (CAPTURE_POLICY). Refunds are possible after capture.</p>
      )}
      <dl class="facts totals">
        <dt>Subtotal</dt>
        <dd>{money(o.subtotal)}</dd>
        <dt>Shipping</dt>
        <dd>{money(o.shipping_total)}</dd>
        <dt>Tax</dt>
        <dd>{money(o.tax_total)}</dd>
        <dt>Total</dt>
        <dd>{money(o.total)}</dd>
      </dl>

      <h2>Parcels</h2>
      {shipments.error && <p class="error">{shipments.error}</p>}
      {shipments.data?.length === 0 && <p>No parcels yet.</p>}
      <ul>
        {shipments.data?.map((s) => (
          <li key={s.id}>
            {s.carrier} <a href={s.tracking_url}>{s.tracking_number}</a> — {s.status.replace(/_/g, ' ')} (from {s.location_id})
          </li>
        ))}
      </ul>

      <h2>Returns and refunds</h2>
      {returns.data?.length === 0 && <p>None.</p>}
      <ul data-testid="order-returns">
        {returns.data?.map((r) => (
          <li key={r.id}>
            <a href={`#/returns?status=all&order_id=${r.order_id}`}>{r.id}</a>: {r.status}, refund {money(r.refund_amount)} ({r.refund_status.replace(/_/g, ' ')})
          </li>
        ))}
      </ul>

      <h2>History</h2>
      <ol class="history">
        {o.history.map((h) => (
          <li key={`${h.at}-${h.field}-${h.status}`}>
            <time>{when(h.at)}</time> {h.field ? `${h.field.replace(/_/g, ' ')}: ` : ''}
            {h.from ? `${h.from} → ` : ''}
            {h.status}
            {h.note ? ` — ${h.note}` : ''}
          </li>
        ))}
      </ol>
    </section>
  )
}
