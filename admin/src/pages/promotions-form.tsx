import { useState } from 'preact/hooks'
import { api, messageOf } from '../api.ts'
import { useLoad } from '../hooks.ts'
import { go } from '../router.ts'
import { CURRENCIES, majorUnits, minorUnits, type Promotion } from './product-types.ts'

/** ISO instant ↔ the browser's <input type="datetime-local"> (local time, minutes). */
const toLocal = (iso: string | null): string => {
  if (!iso) return ''
  const d = new Date(iso)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}
const fromLocal = (v: string): string | null => (v ? new Date(v).toISOString() : null)
const limitOf = (v: string): number | null => (v.trim() === '' ? null : Number(v))

type Read = (k: string) => string

/** The fields every promotion has that may change after it is created. */
const changeable = (s: Read) => {
  const min = s('min_subtotal') === '' ? 0 : minorUnits(s('min_subtotal'))
  if (min === null) return { error: 'Minimum subtotal: an amount like 50.00.' }
  return {
    body: {
      name: s('name'),
      min_subtotal: min,
      starts_at: fromLocal(s('starts_at')),
      ends_at: fromLocal(s('ends_at')),
      usage_limit: limitOf(s('usage_limit')),
      per_customer_limit: limitOf(s('per_customer_limit')),
      active: s('active') === 'on',
    },
  }
}

/** Kind, value, currency and code: set once, at creation. */
const fixedPart = (s: Read) => {
  const kind = s('kind')
  // percent → basis points and major → minor units are both × 100
  const value = kind === 'free_shipping' ? 0 : minorUnits(s('value'))
  if (value === null) return { error: kind === 'percentage' ? 'Percentage: a number like 10 or 12.5.' : 'Amount: like 5.00.' }
  return { body: { code: s('code') === '' ? null : s('code'), kind, value, currency: s('currency') === '' ? null : s('currency') } }
}

const PromotionForm = ({ promotion }: { promotion: Promotion | null }) => {
  const [error, setError] = useState<string | null>(null)
  const [kind, setKind] = useState(promotion?.kind ?? 'percentage')
  const p = promotion
  const submit = async (e: Event) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget as HTMLFormElement)
    const s: Read = (k) => String(f.get(k) ?? '').trim()
    const c = changeable(s)
    const fixed = p ? { body: {} } : fixedPart(s)
    if ('error' in c || 'error' in fixed) return setError(('error' in c ? c.error : undefined) ?? ('error' in fixed ? fixed.error : '') ?? '')
    setError(null)
    try {
      if (p) await api('PATCH', `/promotions/${p.id}`, c.body)
      else await api('POST', '/promotions', { ...fixed.body, ...c.body })
      go('/promotions')
    } catch (err) {
      setError(messageOf(err))
    }
  }
  return (
    <form class="card form-grid" onSubmit={submit} aria-label={p ? 'Edit promotion' : 'New promotion'}>
      <label>
        Code <small>(empty: automatic, no code needed)</small>
        <input name="code" value={p?.code ?? ''} disabled={!!p} pattern="[A-Za-z0-9_\-]{3,40}" />
      </label>
      <label>
        Name
        <input name="name" required maxLength={200} value={p?.name ?? ''} />
      </label>
      <label>
        Kind
        <select name="kind" value={kind} disabled={!!p} onChange={(e) => setKind(e.currentTarget.value as Promotion['kind'])}>
          <option value="percentage">percentage off</option>
          <option value="fixed">fixed amount off</option>
          <option value="free_shipping">free shipping</option>
        </select>
      </label>
      {kind !== 'free_shipping' && (
        <label>
          {kind === 'percentage' ? 'Percent off' : 'Amount off'}
          <input name="value" required inputMode="decimal" disabled={!!p} value={p ? majorUnits(p.value) : ''} placeholder={kind === 'percentage' ? '10' : '5.00'} />
        </label>
      )}
      <label>
        Currency <small>(needed for a fixed amount or a minimum)</small>
        <select name="currency" value={p?.currency ?? ''} disabled={!!p}>
          <option value="">any</option>
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Minimum subtotal
        <input name="min_subtotal" inputMode="decimal" value={p && p.min_subtotal > 0 ? majorUnits(p.min_subtotal) : ''} placeholder="0.00" />
      </label>
      <label>
        Starts
        <input name="starts_at" type="datetime-local" value={toLocal(p?.starts_at ?? null)} />
      </label>
      <label>
        Ends
        <input name="ends_at" type="datetime-local" value={toLocal(p?.ends_at ?? null)} />
      </label>
      <label>
        Uses in total <small>(empty: no limit)</small>
        <input name="usage_limit" type="number" min={1} value={p?.usage_limit ?? ''} />
      </label>
      <label>
        Uses per customer <small>(empty: no limit)</small>
        <input name="per_customer_limit" type="number" min={1} value={p?.per_customer_limit ?? ''} />
      </label>
      <label class="check">
        <input name="active" type="checkbox" checked={p?.active ?? true} /> Active
      </label>
      <div class="actions">
        <button type="submit">{p ? 'Save promotion' : 'Create promotion'}</button>
        <a href="#/promotions">Cancel</a>
        {p && <small>Used {p.times_used} times. Code, kind, amount and currency are fixed once created.</small>}
        {error && <span class="error">{error}</span>}
      </div>
    </form>
  )
}

/** `#/promotions/new` and `#/promotions/{id}`. */
export const PromotionEdit = ({ id }: { id: string }) => {
  const loaded = useLoad(
    () => (id === 'new' ? Promise.resolve(null) : api<{ promotion: Promotion }>('GET', `/promotions/${encodeURIComponent(id)}`).then((r) => r.promotion)),
    [id],
  )
  return (
    <section>
      <p>
        <a href="#/promotions">← Promotions</a>
      </p>
      <h1>{id === 'new' ? 'New promotion' : (loaded.data?.name ?? 'Promotion')}</h1>
      {loaded.error && <p class="error">{loaded.error}</p>}
      {!loaded.loading && !loaded.error && <PromotionForm promotion={loaded.data} />}
    </section>
  )
}
