import { useState } from 'preact/hooks'
import { api, messageOf, query } from '../api.ts'
import { when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import type { OrderPage } from '../types.ts'
import type { AdminCustomer, CustomerAddress } from './customers-types.ts'
import { ListTable } from './list-page.tsx'
import { OrderRow } from './orders.tsx'
import { Pager } from './pager.tsx'

/** Saves JSON as a file through a temporary object URL (no inline script, CSP-clean). */
const download = (name: string, data: unknown) => {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

const Orders = ({ id }: { id: string }) => {
  const [cursors, setCursors] = useState<string[]>([''])
  const cursor = cursors[cursors.length - 1] ?? ''
  const page = useLoad(() => api<OrderPage>('GET', `/customers/${encodeURIComponent(id)}/orders${query({ cursor, limit: 10 })}`), [id, cursor])
  return (
    <>
      <ListTable
        testId="customer-orders"
        error={page.error}
        columns={['Number', 'Placed', 'Status', 'Payment', 'Fulfilment', { num: 'Total' }]}
        items={page.data?.orders}
        empty="No orders yet."
        row={(o) => <OrderRow key={o.id} order={o} />}
      />
      <Pager
        back={cursors.length > 1}
        next={page.data?.next_cursor ?? null}
        onBack={() => setCursors(cursors.slice(0, -1))}
        onNext={(c) => setCursors([...cursors, c])}
      />
    </>
  )
}

/** One customer account: facts, addresses, order history (linking to the order page) and the data export. */
export const CustomerDetail = ({ id }: { id: string }) => {
  const detail = useLoad(() => api<{ customer: AdminCustomer; addresses: CustomerAddress[] }>('GET', `/customers/${encodeURIComponent(id)}`), [id])
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  if (detail.error) return <p class="error">{detail.error}</p>
  if (!detail.data) return <p>Loading…</p>
  const { customer: c, addresses } = detail.data

  const exportData = async () => {
    setBusy(true)
    setNotice(null)
    try {
      download(`customer-${c.id}.json`, await api('POST', `/customers/${encodeURIComponent(c.id)}/data-export`, {}))
      setNotice({ kind: 'ok', text: 'Data export downloaded (recorded in the privacy log and the audit log).' })
    } catch (e) {
      setNotice({ kind: 'error', text: `Data export failed: ${messageOf(e)}` })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="customer-detail">
      <p>
        <a href="#/customers">← Customers</a>
      </p>
      <h1>{c.name || c.email}</h1>
      <dl class="facts">
        <dt>E-mail</dt>
        <dd>{c.email}</dd>
        <dt>Verified</dt>
        <dd>{c.email_verified ? `yes, ${when(c.email_verified_at)}` : 'no'}</dd>
        <dt>Created</dt>
        <dd>{when(c.created_at)}</dd>
        <dt>Orders</dt>
        <dd>{c.order_count}</dd>
        <dt>Id</dt>
        <dd>
          <code>{c.id}</code>
        </dd>
      </dl>
      <div class="actions">
        <button type="button" disabled={busy} onClick={exportData}>
          Download data export
        </button>
        <span class="hint">Erasure is the customer’s own request, made with their password from their account page.</span>
      </div>
      {notice && <p class={notice.kind}>{notice.text}</p>}
      <h2>Addresses</h2>
      {addresses.length === 0 ? (
        <p class="hint">No saved addresses.</p>
      ) : (
        <ul class="address-list">
          {addresses.map((a) => (
            <li key={a.id} class="card">
              {[a.name, a.line1, a.line2, `${a.postal_code} ${a.city}`, a.region, a.country, a.phone].filter(Boolean).join(' · ')}
            </li>
          ))}
        </ul>
      )}
      <h2>Orders</h2>
      <Orders id={c.id} />
    </section>
  )
}
