import { useState } from 'preact/hooks'
import { api, messageOf, query } from '../api.ts'
import { money, when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import { go } from '../router.ts'
import { Pager } from './pager.tsx'
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
  const [trail, setTrail] = useState<string[]>([])
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
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault()
          const f = new FormData(e.currentTarget)
          setTrail([])
          go('/promotions', { q: String(f.get('q') ?? '').trim(), active: String(f.get('active') ?? '') })
        }}
      >
        <label>
          Code or name
          <input name="q" type="search" value={q} />
        </label>
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
      </form>
      {(page.error || msg) && <p class="error">{page.error ?? msg}</p>}
      <div class="card table-wrap">
        <table data-testid="records-promotions">
          <thead>
            <tr>
              <th>Code</th>
              <th>Name</th>
              <th>Discount</th>
              <th>Minimum</th>
              <th>Window</th>
              <th>Limits</th>
              <th class="num">Used</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {page.data?.promotions.map((p) => (
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
            ))}
            {page.data?.promotions.length === 0 && (
              <tr>
                <td colSpan={9}>No promotions match.</td>
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
          go('/promotions', { q, active, cursor: trail[trail.length - 1] ?? '' })
        }}
        onNext={(c) => {
          setTrail([...trail, cursor])
          go('/promotions', { q, active, cursor: c })
        }}
      />
    </section>
  )
}
