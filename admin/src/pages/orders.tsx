import { api, query } from '../api.ts'
import { money, when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import type { Order, OrderPage } from '../types.ts'
import { FilterForm, field, ListPager, ListTable, useListPaging } from './list-page.tsx'

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

/** One order in a list: number (linking to the order page), placed, the e-mail when `withEmail`, states and total. */
export const OrderRow = ({ order: o, withEmail = false }: { order: Order; withEmail?: boolean }) => (
  <tr>
    <td>
      <a href={`#/orders/${o.id}`}>#{o.number}</a>
    </td>
    <td>{when(o.created_at)}</td>
    {withEmail && <td>{o.email}</td>}
    <td>
      <span class={`badge ${o.status}`}>{o.status.replace(/_/g, ' ')}</span>
    </td>
    <td>{o.payment_status.replace(/_/g, ' ')}</td>
    <td>{o.fulfillment_status.replace(/_/g, ' ')}</td>
    <td class="num">{money(o.total)}</td>
  </tr>
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
  const paging = useListPaging('/orders', filters, cursor)
  const page = useLoad(() => api<OrderPage>('GET', `/orders${query({ ...filters, cursor, limit: 25 })}`), [params.toString()])
  return (
    <section>
      <h1>Orders</h1>
      <FilterForm onApply={(f) => paging.apply(Object.fromEntries([...f.keys()].map((k) => [k, field(f, k)])))}>
        <Select name="status" label="Status" options={STATUSES} value={filters.status} />
        <Select name="payment_status" label="Payment" options={PAYMENT} value={filters.payment_status} />
        <Select name="fulfillment_status" label="Fulfilment" options={FULFILMENT} value={filters.fulfillment_status} />
        <label>
          E-mail
          <input name="email" type="email" value={filters.email} placeholder="customer@example.com" />
        </label>
        <button type="submit">Filter</button>
      </FilterForm>
      <ListTable
        tableClass="orders"
        error={page.error}
        columns={['Number', 'Placed', 'Customer', 'Status', 'Payment', 'Fulfilment', { num: 'Total' }]}
        items={page.data?.orders}
        empty="No orders match."
        row={(o) => <OrderRow key={o.id} order={o} withEmail />}
      />
      <ListPager paging={paging} next={page.data?.next_cursor} />
    </section>
  )
}
