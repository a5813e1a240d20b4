import type { ProductSort } from '../../../modules/catalog/index.ts'
import { html, type SafeHtml } from '../html.ts'
import type { ListingQuery } from '../listing-query.ts'
import { currencySymbol, toMajorText } from '../money-text.ts'

const SORT_LABELS: Readonly<Record<ProductSort, string>> = {
  relevance: 'Best match',
  newest: 'Newest',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
}

export type FiltersOptions = {
  readonly action: string
  readonly query: ListingQuery
  readonly sorts: readonly ProductSort[]
  readonly currency: string
}

const priceField = (name: 'min' | 'max', value: number | undefined, currency: string): SafeHtml => html`<div class="field">
<label for="f-${name}">${name === 'min' ? 'Min' : 'Max'} price (${currencySymbol(currency)})</label>
<input id="f-${name}" name="${name}" type="number" min="0" max="9999999" step="0.01" inputmode="decimal" value="${
  value === undefined ? '' : toMajorText(value, currency)
}">
</div>`

/** Sort and price filters as a plain GET form: works without JavaScript; submitting starts from the first page. */
export const filtersForm = (o: FiltersOptions): SafeHtml => {
  const current = o.query.sort ?? o.sorts[0]
  return html`<form class="filters" method="get" action="${o.action}" aria-label="Sort and filter">
${o.query.q && html`<input type="hidden" name="q" value="${o.query.q}">`}
<div class="field">
<label for="f-sort">Sort by</label>
<select id="f-sort" name="sort">${o.sorts.map(
    (s) => html`<option value="${s}"${s === current && html` selected`}>${SORT_LABELS[s]}</option>`,
  )}</select>
</div>
${priceField('min', o.query.priceMin, o.currency)}
${priceField('max', o.query.priceMax, o.currency)}
<button type="submit">Apply</button>
</form>`
}
