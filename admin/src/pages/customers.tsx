import { useState } from 'preact/hooks'
import { api, query } from '../api.ts'
import { when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import { go } from '../router.ts'
import type { CustomerPage } from './customers-types.ts'
import { Pager } from './pager.tsx'

/** Customer accounts, newest first, searched on the server (e-mail or name) and paged by cursor. */
export const Customers = ({ params }: { params: URLSearchParams }) => {
  const q = params.get('q') ?? ''
  const cursor = params.get('cursor') ?? ''
  const [trail, setTrail] = useState<string[]>([])
  const page = useLoad(() => api<CustomerPage>('GET', `/customers${query({ q, cursor, limit: 25 })}`), [params.toString()])
  return (
    <section>
      <h1>Customers</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          setTrail([])
          go('/customers', { q: String(new FormData(e.currentTarget).get('q') ?? '').trim() })
        }}
      >
        <label>
          E-mail or name
          <input name="q" type="search" value={q} placeholder="ada@example.com" />
        </label>
        <button type="submit">Search</button>
      </form>
      {page.error && <p class="error">{page.error}</p>}
      <div class="table-wrap">
        <table data-testid="customers">
          <thead>
            <tr>
              <th>E-mail</th>
              <th>Name</th>
              <th>Verified</th>
              <th>Created</th>
              <th class="num">Orders</th>
            </tr>
          </thead>
          <tbody>
            {page.data?.customers.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`#/customers/${encodeURIComponent(c.id)}`}>{c.email}</a>
                </td>
                <td>{c.name || '—'}</td>
                <td>{c.email_verified ? 'yes' : 'no'}</td>
                <td>{when(c.created_at)}</td>
                <td class="num">{c.order_count}</td>
              </tr>
            ))}
            {page.data && page.data.customers.length === 0 && (
              <tr>
                <td colSpan={5}>No customers match.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager
        back={trail.length > 0}
        next={page.data?.next_cursor ?? null}
        onBack={() => {
          setTrail(trail.slice(0, -1))
          go('/customers', { q, cursor: trail[trail.length - 1] ?? '' })
        }}
        onNext={(c) => {
          setTrail([...trail, cursor])
          go('/customers', { q, cursor: c })
        }}
      />
    </section>
  )
}
