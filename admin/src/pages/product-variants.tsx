import { useState } from 'preact/hooks'
import { api, messageOf } from '../api.ts'
import { money } from '../format.ts'
import { CURRENCIES, formatOptions, majorUnits, minorUnits, parseOptions, type ProductFull, type VariantFull } from './product-types.ts'

type Props = { product: ProductFull; onChange: (p: ProductFull) => void }
type Draft = { sku: string; title: string; options: string; weight: string; prices: Record<string, string> }

const draftOf = (v?: VariantFull): Draft => ({
  sku: v?.sku ?? '',
  title: v?.title ?? '',
  options: v ? formatOptions(v.options) : '',
  weight: String(v?.weight_grams ?? 0),
  prices: Object.fromEntries((v?.prices ?? []).map((p) => [p.currency, majorUnits(p.amount)])),
})

/** The body for POST/PATCH, or a message saying what to fix. Every currency with an amount is sent (the API replaces the set). */
const bodyOf = (d: Draft): { body: object } | { error: string } => {
  const prices = []
  for (const c of CURRENCIES) {
    const raw = d.prices[c]?.trim() ?? ''
    if (raw === '') continue
    const amount = minorUnits(raw)
    if (amount === null) return { error: `Price in ${c}: enter an amount like 19.90.` }
    prices.push({ currency: c, amount })
  }
  if (prices.length === 0) return { error: 'Give at least one price.' }
  const weight = Number(d.weight || '0')
  if (!Number.isInteger(weight) || weight < 0) return { error: 'Weight: whole grams.' }
  return { body: { sku: d.sku.trim(), title: d.title.trim(), options: parseOptions(d.options), prices, weight_grams: weight } }
}

const VariantForm = ({ product, variant, onChange }: Props & { variant?: VariantFull }) => {
  const [d, setD] = useState<Draft>(draftOf(variant))
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const label = variant ? variant.sku : 'new variant'
  const call = async (method: string, path: string, body?: object) => {
    setMsg(null)
    try {
      const r = await api<{ product: ProductFull }>(method, path, body)
      onChange(r.product)
      if (!variant) setD(draftOf())
      setMsg({ kind: 'ok', text: 'Saved.' })
    } catch (e) {
      setMsg({ kind: 'error', text: messageOf(e) })
    }
  }
  const submit = (e: Event) => {
    e.preventDefault()
    const b = bodyOf(d)
    if ('error' in b) return setMsg({ kind: 'error', text: b.error })
    void (variant ? call('PATCH', `/variants/${variant.id}`, b.body) : call('POST', `/products/${product.id}/variants`, b.body))
  }
  const field = (k: 'sku' | 'title' | 'options' | 'weight', name: string, extra: Record<string, unknown> = {}) => (
    <label>
      {name}
      <input aria-label={`${name} of ${label}`} value={d[k]} onInput={(e) => setD({ ...d, [k]: e.currentTarget.value })} {...extra} />
    </label>
  )
  return (
    <form class="variant-form" onSubmit={submit} data-variant={variant?.id ?? 'new'}>
      {field('sku', 'SKU', { required: true, pattern: '[A-Za-z0-9._\\-]+' })}
      {field('title', 'Title', { required: true })}
      {field('options', 'Options', { placeholder: 'Size=M, Colour=Blue' })}
      {field('weight', 'Weight (g)', { inputMode: 'numeric' })}
      <fieldset class="prices">
        <legend>Prices</legend>
        {CURRENCIES.map((c) => (
          <label key={c} class="price">
            {c}
            <input
              inputMode="decimal"
              aria-label={`Price of ${label} in ${c}`}
              value={d.prices[c] ?? ''}
              placeholder="—"
              onInput={(e) => setD({ ...d, prices: { ...d.prices, [c]: e.currentTarget.value } })}
            />
          </label>
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit">{variant ? 'Save variant' : 'Add variant'}</button>
        {variant && (
          <button type="button" class="danger" disabled={product.variants.length < 2} onClick={() => confirm(`Delete ${variant.sku}?`) && void call('DELETE', `/variants/${variant.id}`)}>
            Delete
          </button>
        )}
        {variant && <small>{variant.prices.map((p) => money(p)).join(' · ')} · {variant.available} available</small>}
        {msg && <small class={msg.kind}>{msg.text}</small>}
      </div>
    </form>
  )
}

/** Every variant editable (SKU, title, options, weight, a price per currency), and a form for one more. */
export const ProductVariants = ({ product, onChange }: Props) => (
  <div class="card">
    <h2>Variants</h2>
    {product.variants.map((v) => (
      <VariantForm key={`${v.id}-${product.updated_at}`} product={product} variant={v} onChange={onChange} />
    ))}
    <h3>Add a variant</h3>
    <VariantForm product={product} onChange={onChange} />
  </div>
)
