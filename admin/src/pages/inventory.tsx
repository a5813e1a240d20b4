import { useState } from 'preact/hooks'
import { api, messageOf, query } from '../api.ts'
import { type Money, money } from '../format.ts'
import { useLoad } from '../hooks.ts'
import { go } from '../router.ts'
import type { Location, Product, Stock, Variant } from '../types.ts'
import { Pager } from './pager.tsx'

type ProductPage = { products: Product[]; next_cursor: string | null }

/** The variant's regular prices, one per currency, edited in major units and saved together (PATCH replaces the set). */
const PriceEditor = ({ variant }: { variant: Variant }) => {
  const [prices, setPrices] = useState<readonly Money[]>(variant.prices)
  const [draft, setDraft] = useState<Record<string, string>>({})
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const save = async (e: Event) => {
    e.preventDefault()
    setMsg(null)
    const next = prices.map((p) => {
      const v = draft[p.currency]
      return v === undefined || v.trim() === '' ? p : { currency: p.currency, amount: Math.round(Number(v.replace(',', '.')) * 100) }
    })
    if (next.some((p) => !Number.isSafeInteger(p.amount) || p.amount < 0)) return setMsg({ kind: 'error', text: 'Enter a price like 19.90.' })
    try {
      const r = await api<{ product: { variants: Variant[] } }>('PATCH', `/variants/${variant.id}`, { prices: next })
      setPrices(r.product.variants.find((v) => v.id === variant.id)?.prices ?? next)
      setDraft({})
      setMsg({ kind: 'ok', text: 'Saved.' })
    } catch (err) {
      setMsg({ kind: 'error', text: messageOf(err) })
    }
  }
  return (
    <form class="prices" onSubmit={save}>
      {prices.map((p) => (
        <label key={p.currency} class="price">
          {p.currency}
          <input
            name={`price_${p.currency}`}
            inputMode="decimal"
            aria-label={`Price of ${variant.sku} in ${p.currency}`}
            placeholder={(p.amount / 100).toFixed(2)}
            value={draft[p.currency] ?? ''}
            onInput={(e) => setDraft({ ...draft, [p.currency]: e.currentTarget.value })}
          />
        </label>
      ))}
      <button type="submit">Save prices</button>
      <small data-testid={`price-${variant.id}`}>{prices.map((p) => money(p)).join(' · ')}</small>
      {msg && <small class={msg.kind}>{msg.text}</small>}
    </form>
  )
}

/** One variant's stock at every location, each on-hand figure editable (PUT /admin/inventory/{variant}). */
const VariantStock = ({ variant, locations }: { variant: Variant; locations: readonly Location[] }) => {
  const stock = useLoad(() => api<Stock>('GET', `/inventory/${variant.id}`), [variant.id])
  const [draft, setDraft] = useState<Record<string, string>>({})
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const save = async (locationId: string) => {
    const v = draft[locationId]
    if (v === undefined || v === '') return
    setMsg(null)
    try {
      await api<Stock>('PUT', `/inventory/${variant.id}`, { on_hand: Number(v), location_id: locationId })
      setDraft({ ...draft, [locationId]: '' })
      setMsg({ kind: 'ok', text: 'Saved.' })
      stock.reload()
    } catch (e) {
      setMsg({ kind: 'error', text: messageOf(e) })
    }
  }
  const level = (id: string) => stock.data?.levels.find((l) => l.location_id === id)
  return (
    <tr data-variant={variant.id}>
      <td>
        {variant.title}
        <br />
        <small>{variant.sku}</small>
      </td>
      <td>
        <PriceEditor variant={variant} />
      </td>
      {locations.map((l) => {
        const lv = level(l.id)
        return (
          <td key={l.id} class="stock-cell">
            <form
              onSubmit={(e) => {
                e.preventDefault()
                void save(l.id)
              }}
            >
              <input
                type="number"
                min={0}
                class="qty"
                name={`on_hand_${l.id}`}
                aria-label={`On hand of ${variant.sku} at ${l.name}`}
                placeholder={String(lv?.on_hand ?? 0)}
                value={draft[l.id] ?? ''}
                onInput={(e) => setDraft({ ...draft, [l.id]: e.currentTarget.value })}
              />
              <button type="submit">Set</button>
            </form>
            <small data-testid={`level-${l.id}`}>
              {lv?.on_hand ?? 0} on hand, {lv?.reserved ?? 0} reserved
            </small>
          </td>
        )
      })}
      <td>{msg && <span class={msg.kind}>{msg.text}</span>}</td>
    </tr>
  )
}

/** Products found by search (server-side, paged), their variants' stock per location. */
export const Inventory = ({ params }: { params: URLSearchParams }) => {
  const q = params.get('q') ?? ''
  const cursor = params.get('cursor') ?? ''
  const [trail, setTrail] = useState<string[]>([])
  const locations = useLoad(() => api<{ locations: Location[] }>('GET', '/stock-locations').then((r) => r.locations), [])
  const products = useLoad(() => api<ProductPage>('GET', `/products${query({ q, cursor, limit: 10 })}`), [q, cursor])
  return (
    <section>
      <h1>Inventory</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault()
          setTrail([])
          go('/inventory', { q: String(new FormData(e.currentTarget).get('q') ?? '').trim() })
        }}
      >
        <label>
          Product
          <input name="q" type="search" value={q} placeholder="product title" />
        </label>
        <button type="submit">Search</button>
      </form>
      {(products.error || locations.error) && <p class="error">{products.error ?? locations.error}</p>}
      {products.data?.products.map((p) => (
        <div class="card" key={p.id}>
          <h2>
            {p.title} <small>/{p.handle}</small>
          </h2>
          <div class="table-wrap">
            <table class="stock">
              <thead>
                <tr>
                  <th>Variant</th>
                  <th>Prices</th>
                  {locations.data?.map((l) => (
                    <th key={l.id}>
                      {l.name}
                      {l.serves_storefront ? '' : ' (not sold online)'}
                    </th>
                  ))}
                  <th />
                </tr>
              </thead>
              <tbody>
                {locations.data && p.variants.map((v) => <VariantStock key={v.id} variant={v} locations={locations.data ?? []} />)}
              </tbody>
            </table>
          </div>
        </div>
      ))}
      {products.data?.products.length === 0 && <p>No products match.</p>}
      <Pager
        back={trail.length > 0}
        next={products.data?.next_cursor ?? null}
        onBack={() => {
          setTrail(trail.slice(0, -1))
          go('/inventory', { q, cursor: trail[trail.length - 1] ?? '' })
        }}
        onNext={(c) => {
          setTrail([...trail, cursor])
          go('/inventory', { q, cursor: c })
        }}
      />
    </section>
  )
}
