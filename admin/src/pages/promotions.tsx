import { useState } from 'preact/hooks'
import { api, messageOf, query } from '../api.ts'
import { money, when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import { FilterForm, field, ListPager, ListTable, SearchField, useListPaging } from './list-page.tsx'
import type { Promotion } from './product-types.ts'

const discountOf = (p: Promotion): string =>
  p.kind === 'percentage' ? `${p.value / 100}%` : p.kind === 'fixed' ? money({ amount: p.value, currency: p.currency ?? 'EUR' }) : 'free shipping'

const limitsOf = (p: Promotion): string =>
  [p.usage_limit !== null && `${p.usage_limit} in total`, p.per_customer_limit !== null && `${p.per_customer_limit} per customer`].filter(Boolean).join(', ') || '—'

/** Discount codes and automatic promotions: search, active filter, paging; edit and deactivate. */
export const Promotions = ({ params }: { params: URLSearchParams }) => {
  const q = params.get('q') ?? ''
  const active = params.get('active') ?? ''
  const cursor = params.get('cursor') ?? ''
  const paging = useListPaging('/promotions', { q, active }, cursor)
  const [msg, setMsg] = useState<string | null>(null)
  const page = useLoad(
    () => api<{ promotions: Promotion[]; next_cursor: string | null }>('GET', `/promotions${query({ q, active, cursor, limit: 25 })}`),
    [q, active, cursor],
  )
  const deactivate = async (p: Promotion) => {
    setMsg(null)
    try {
      await api('POST', `/promotions/${p.id}/deactivate`)
      page.reload()
    } catch (e) {
      setMsg(messageOf(e))
    }
  }
  return (
    <section>
      <h1>Promotions</h1>
      <FilterForm onApply={(f) => paging.apply({ q: field(f, 'q'), active: field(f, 'active') })}>
        <SearchField label="Code or name" value={q} />
        <label>
          State
          <select name="active" value={active}>
            <option value="">all</option>
            <option value="true">active</option>
            <option value="false">inactive</option>
          </select>
        </label>
        <button type="submit">Filter</button>
        <a class="button" href="#/promotions/new">
          New promotion
        </a>
      </FilterForm>
      <ListTable
        card
        testId="records-promotions"
        error={page.error || msg}
        columns={['Code', 'Name', 'Discount', 'Minimum', 'Window', 'Limits', { num: 'Used' }, 'State', '']}
        items={page.data?.promotions}
        empty="No promotions match."
        row={(p) => (
          <tr key={p.id} data-promotion={p.code ?? p.id}>
            <td>
              <a href={`#/promotions/${p.id}`}>{p.code ?? 'automatic'}</a>
            </td>
            <td>{p.name}</td>
            <td>{discountOf(p)}</td>
            <td>{p.min_subtotal > 0 ? money({ amount: p.min_subtotal, currency: p.currency ?? 'EUR' }) : '—'}</td>
            <td>{p.starts_at || p.ends_at ? `${when(p.starts_at)} → ${when(p.ends_at)}` : 'always'}</td>
            <td>{limitsOf(p)}</td>
            <td class="num">{p.times_used}</td>
            <td>
              <span class={`badge ${p.active ? 'completed' : 'canceled'}`}>{p.active ? 'active' : 'inactive'}</span>
            </td>
            <td>
              <div class="row-actions">
                <a href={`#/promotions/${p.id}`}>Edit</a>
                {p.active && (
                  <button type="button" class="danger" onClick={() => void deactivate(p)}>
                    Deactivate
                  </button>
                )}
              </div>
            </td>
          </tr>
        )}
      />
      <ListPager paging={paging} next={page.data?.next_cursor} />
    </section>
  )
}
