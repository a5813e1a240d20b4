import { useEffect, useState } from 'preact/hooks'
import { api, messageOf } from '../api.ts'
import { useLoad } from '../hooks.ts'
import { go } from '../router.ts'
import { ProductImages } from './product-images.tsx'
import type { Category, ProductFull } from './product-types.ts'
import { ProductVariants } from './product-variants.tsx'

type Props = { product: ProductFull; onChange: (p: ProductFull) => void }

/** Title, handle, description, status and categories, saved with one PATCH. */
const ProductFields = ({ product, onChange }: Props) => {
  const categories = useLoad(() => api<{ categories: Category[] }>('GET', '/categories').then((r) => r.categories), [])
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const save = async (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const f = new FormData(form)
    const s = (k: string) => String(f.get(k) ?? '').trim()
    const select = form.elements.namedItem('category_ids') as HTMLSelectElement
    setMsg(null)
    try {
      const r = await api<{ product: ProductFull }>('PATCH', `/products/${product.id}`, {
        title: s('title'),
        handle: s('handle'),
        description: s('description'),
        status: s('status'),
        category_ids: [...select.selectedOptions].map((o) => o.value),
      })
      onChange(r.product)
      setMsg({ kind: 'ok', text: 'Saved.' })
    } catch (err) {
      setMsg({ kind: 'error', text: messageOf(err) })
    }
  }
  return (
    <form class="card form-grid" onSubmit={save} key={product.updated_at} aria-label="Product details">
      <h2>Details</h2>
      <label>
        Title
        <input name="title" required maxLength={200} value={product.title} />
      </label>
      <label>
        Handle
        <input name="handle" required pattern="[a-z0-9]+(-[a-z0-9]+)*" value={product.handle} />
      </label>
      <label>
        Status
        <select name="status" value={product.status}>
          <option value="draft">draft (hidden from the storefront)</option>
          <option value="published">published</option>
        </select>
      </label>
      <label>
        Categories
        <select name="category_ids" multiple size={5}>
          {categories.data?.map((c) => (
            <option key={c.id} value={c.id} selected={product.category_ids.includes(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label class="wide">
        Description
        <textarea name="description" rows={5} maxLength={10_000} value={product.description} />
      </label>
      <div class="actions">
        <button type="submit">Save details</button>
        {product.status === 'published' && (
          <a href={`/p/${product.handle}`} target="_blank" rel="noopener">
            View in the storefront
          </a>
        )}
        {msg && <span class={msg.kind}>{msg.text}</span>}
      </div>
    </form>
  )
}

/** One product: details, images and variants, each saved on its own; deleting asks first. */
export const ProductDetail = ({ id }: { id: string }) => {
  const loaded = useLoad(() => api<{ product: ProductFull }>('GET', `/products/${encodeURIComponent(id)}`).then((r) => r.product), [id])
  const [product, setProduct] = useState<ProductFull | null>(null)
  useEffect(() => setProduct(loaded.data), [loaded.data])
  if (loaded.error) return <p class="error">{loaded.error}</p>
  if (!product) return <p>Loading…</p>
  const remove = async () => {
    if (!confirm(`Delete "${product.title}" and its variants?`)) return
    try {
      await api('DELETE', `/products/${product.id}`)
      go('/products')
    } catch (e) {
      alert(messageOf(e))
    }
  }
  return (
    <section>
      <p>
        <a href="#/products">← Products</a>
      </p>
      <h1>
        {product.title} <span class={`badge ${product.status}`}>{product.status}</span>
      </h1>
      <ProductFields product={product} onChange={setProduct} />
      <ProductImages product={product} onChange={setProduct} />
      <ProductVariants product={product} onChange={setProduct} />
      <button type="button" class="danger" onClick={remove}>
        Delete product
      </button>
    </section>
  )
}
