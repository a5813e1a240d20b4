import { useState } from 'preact/hooks'
import { api, messageOf, query } from '../api.ts'
import { money } from '../format.ts'
import { useLoad } from '../hooks.ts'
import { go } from '../router.ts'
import { FilterForm, field, ListPager, ListTable, SearchField, useListPaging } from './list-page.tsx'
import { CURRENCIES, minorUnits, type ProductFull, type ProductPage } from './product-types.ts'

/** A new product with its first variant and one price; the rest is edited on its own page. */
const NewProduct = () => {
  const [error, setError] = useState<string | null>(null)
  const create = async (e: Event) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget as HTMLFormElement)
    const s = (k: string) => field(f, k)
    const amount = minorUnits(s('price'))
    if (amount === null) return setError('Enter a price like 19.90.')
    setError(null)
    try {
      const r = await api<{ product: ProductFull }>('POST', '/products', {
        title: s('title'),
        ...(s('handle') && { handle: s('handle') }),
        status: s('status'),
        variants: [{ sku: s('sku'), title: s('variant_title') || 'Default', prices: [{ amount, currency: s('currency') }] }],
      })
      go(`/products/${r.product.id}`)
    } catch (err) {
      setError(messageOf(err))
    }
  }
  return (
    <form class="card form-grid" onSubmit={create} aria-label="New product">
      <h2>New product</h2>
      <label>
        Title
        <input name="title" required maxLength={200} />
      </label>
      <label>
        Handle <small>(optional)</small>
        <input name="handle" placeholder="from the title" pattern="[a-z0-9]+(-[a-z0-9]+)*" />
      </label>
      <label>
        Status
        <select name="status">
          <option value="draft">draft</option>
          <option value="published">published</option>
        </select>
      </label>
      <label>
        SKU
        <input name="sku" required pattern="[A-Za-z0-9._\-]+" />
      </label>
      <label>
        Variant title
        <input name="variant_title" placeholder="Default" />
      </label>
      <label>
        Price
        <input name="price" required inputMode="decimal" placeholder="19.90" />
      </label>
      <label>
        Currency
        <select name="currency">
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <div class="actions">
        <button type="submit">Create product</button>
        {error && <span class="error">{error}</span>}
      </div>
    </form>
  )
}

/** Products, drafts included: search and cursor paging on the server, 20 a page. */
export const Products = ({ params }: { params: URLSearchParams }) => {
  const q = params.get('q') ?? ''
  const cursor = params.get('cursor') ?? ''
  const paging = useListPaging('/products', { q }, cursor)
  const [adding, setAdding] = useState(params.get('new') === '1')
  const page = useLoad(() => api<ProductPage>('GET', `/products${query({ q, cursor, limit: 20, sort: q ? undefined : 'newest' })}`), [q, cursor])
  return (
    <section>
      <h1>Products</h1>
      <FilterForm onApply={(f) => paging.apply({ q: field(f, 'q') })}>
        <SearchField label="Search" value={q} placeholder="title, SKU, words" />
        <button type="submit">Search</button>
        <button type="button" onClick={() => setAdding(!adding)} aria-expanded={adding}>
          New product
        </button>
      </FilterForm>
      {adding && <NewProduct />}
      <ListTable
        card
        tableClass="products"
        error={page.error}
        columns={['', 'Title', 'Status', { num: 'Variants' }, 'Price']}
        items={page.data?.products}
        empty="No products match."
        row={(p) => (
          <tr key={p.id}>
            <td class="thumb-cell">{p.images[0] ? <img class="thumb" src={p.images[0].url} alt="" width={48} height={48} /> : null}</td>
            <td>
              <a href={`#/products/${p.id}`}>{p.title}</a>
              <br />
              <small>/{p.handle}</small>
            </td>
            <td>
              <span class={`badge ${p.status}`}>{p.status}</span>
            </td>
            <td class="num">{p.variants.length}</td>
            <td>{p.price_range ? (p.price_range.min.amount === p.price_range.max.amount ? money(p.price_range.min) : `${money(p.price_range.min)} – ${money(p.price_range.max)}`) : '—'}</td>
          </tr>
        )}
      />
      <ListPager paging={paging} next={page.data?.next_cursor} />
    </section>
  )
}
