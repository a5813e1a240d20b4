import type { Product, Variant } from '../../../modules/catalog/index.ts'
import { formatMoney } from '../../../platform/money/money.ts'
import { html, type SafeHtml } from '../html.ts'
import { jsonScript } from '../json-ld.ts'
import { stockStatus } from '../stock-status.ts'

export const variantPrice = (v: Pick<Variant, 'price'>): string => (v.price ? formatMoney(v.price) : 'Not sold in this currency')

/** The regular price beside a lower campaign price ("Was €79.00"); empty when no campaign price is in force. */
export const wasPrice = (v: Pick<Variant, 'compare_at_price'>): string =>
  v.compare_at_price ? `Was ${formatMoney(v.compare_at_price)}` : ''

/** The option axes a product varies on ("Size / Color"), for the picker's legend. */
const optionNames = (variants: readonly Variant[]): string => {
  const names = [...new Set(variants.flatMap((v) => Object.keys(v.options)))]
  return names.length ? names.join(' / ') : 'Options'
}

/**
 * A GET form of radio buttons, one per variant: without JavaScript, "Show this option" reloads the page
 * with ?variant=; with it, the enhancement script swaps price, stock and SKU in place and hides the button.
 */
export const variantPicker = (p: Product, selected: Variant): SafeHtml =>
  p.variants.length < 2
    ? html``
    : html`<form class="picker" method="get" action="/p/${p.handle}" data-picker>
<fieldset>
<legend>${optionNames(p.variants)}</legend>
${p.variants.map(
  (v) => html`<label class="opt"><input type="radio" name="variant" value="${v.id}"${v.id === selected.id && html` checked`}>
<span class="opt-name">${v.title}</span> <span class="opt-meta">${variantPrice(v)} · ${stockStatus(v).text}</span></label>`,
)}
</fieldset>
<button type="submit" class="secondary" data-picker-submit>Show this option</button>
</form>`

/** What the enhancement script needs per variant, as a JSON data block (not code). */
export const variantData = (p: Product): SafeHtml =>
  jsonScript(
    'application/json',
    p.variants.map((v) => {
      const s = stockStatus(v)
      return { id: v.id, sku: v.sku, title: v.title, price: variantPrice(v), was: wasPrice(v), stock: s.text, state: s.state }
    }),
    'variants',
  )
