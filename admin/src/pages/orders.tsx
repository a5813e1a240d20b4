import { useState } from 'preact/hooks'
import { api, query } from '../api.ts'
import { money, when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import { go } from '../router.ts'
import type { OrderPage } from '../types.ts'
import { Pager } from './pager.tsx'

const STATUSES = ['', 'pending', 'placed', 'on_hold', 'completed', 'canceled']
const PAYMENT = ['', 'pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'voided', 'failed']
const FULFILMENT = ['', 'unfulfilled', 'partially_fulfilled', 'fulfilled', 'partially_returned', 'returned']

const Select = ({ name, label, options, value }: { name: string; label: string; options: readonly string[]; value: string }) => (
  <label>
    {label}
    <select name={name} value={value}>
      {options.map((o) => (
        <option key={o} value={o}>
          {o ? o.replace(/_/g, ' ') : 'any'}
        </option>
      ))}
    </select>
  </label>
)

/** Orders, newest first, filtered on the server and paged by cursor (never the whole table). */
export const Orders = ({ params }: { params: URLSearchParams }) => {
  const filters = {
    status: params.get('status') ?? '',
    payment_status: params.get('payment_status') ?? '',
    fulfillment_status: params.get('fulfillment_status') ?? '',
    email: params.get('email') ?? '',
  }
  const cursor = params.get('cursor') ?? ''
  const [trail, setTrail] = useState<string[]>([])
  const page = useLoad(() => api<OrderPage>('GET', `/orders${query({ ...filters, cursor, limit: 25 })}`), [params.toString()])

  const apply = (e: Event) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget as HTMLFormElement)
    setTrail([])
    go('/orders', Object.fromEntries([...f.entries()].map(([k, v]) => [k, String(v).trim()])))
  }
  return (
    <section>
      <h1>Orders</h1>
      <form class="filters" onSubmit={apply}>
        <Select name="status" label="Status" options={STATUSES} value={filters.status} />
        <Select name="payment_status" label="Payment" options={PAYMENT} value={filters.payment_status} />
        <Select name="fulfillment_status" label="Fulfilment" options={FULFILMENT} value={filters.fulfillment_status} />
        <label>
          E-mail
          <input name="email" type="email" value={filters.email} placeholder="customer@example.com" />
        </label>
        <button type="submit">Filter</button>
      </form>
      {page.error && <p class="error">{page.error}</p>}
      <div class="table-wrap">
        <table class="orders">
          <thead>
            <tr>
              <th>Number</th>
              <th>Placed</th>
              <th>Customer</th>
              <th>Status</th>
              <th>Payment</th>
              <th>Fulfilment</th>
              <th class="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {page.data?.orders.map((o) => (
              <tr key={o.id}>
                <td>
                  <a href={`#/orders/${o.id}`}>#{o.number}</a>
                </td>
                <td>{when(o.created_at)}</td>
                <td>{o.email}</td>
                <td>
                  <span class={`badge ${o.status}`}>{o.status.replace(/_/g, ' ')}</span>
                </td>
                <td>{o.payment_status.replace(/_/g, ' ')}</td>
                <td>{o.fulfillment_status.replace(/_/g, ' ')}</td>
                <td class="num">{money(o.total)}</td>
              </tr>
            ))}
            {page.data && page.data.orders.length === 0 && (
              <tr>
                <td colSpan={7}>No orders match.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager
        back={trail.length > 0}
        next={page.data?.next_cursor ?? null}
        onBack={() => {
          const prev = trail.slice(0, -1)
          const last = trail[trail.length - 1] ?? ''
          setTrail(prev)
          go('/orders', { ...filters, cursor: last })
        }}
        onNext={(c) => {
          setTrail([...trail, cursor])
          go('/orders', { ...filters, cursor: c })
        }}
      />
    </section>
  )
}
