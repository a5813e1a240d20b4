import { api, query } from '../api.ts'
import { when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import type { CustomerPage } from './customers-types.ts'
import { FilterForm, field, ListPager, ListTable, SearchField, useListPaging } from './list-page.tsx'

/** Customer accounts, newest first, searched on the server (e-mail or name) and paged by cursor. */
export const Customers = ({ params }: { params: URLSearchParams }) => {
  const q = params.get('q') ?? ''
  const cursor = params.get('cursor') ?? ''
  const paging = useListPaging('/customers', { q }, cursor)
  const page = useLoad(() => api<CustomerPage>('GET', `/customers${query({ q, cursor, limit: 25 })}`), [params.toString()])
  return (
    <section>
      <h1>Customers</h1>
      <FilterForm search onApply={(f) => paging.apply({ q: field(f, 'q') })}>
        <SearchField label="E-mail or name" value={q} placeholder="ada@example.com" />
        <button type="submit">Search</button>
      </FilterForm>
      <ListTable
        testId="customers"
        error={page.error}
        columns={['E-mail', 'Name', 'Verified', 'Created', { num: 'Orders' }]}
        items={page.data?.customers}
        empty="No customers match."
        row={(c) => (
          <tr key={c.id}>
            <td>
              <a href={`#/customers/${encodeURIComponent(c.id)}`}>{c.email}</a>
            </td>
            <td>{c.name || '—'}</td>
            <td>{c.email_verified ? 'yes' : 'no'}</td>
            <td>{when(c.created_at)}</td>
            <td class="num">{c.order_count}</td>
          </tr>
        )}
      />
      <ListPager paging={paging} next={page.data?.next_cursor} />
    </section>
  )
}
