import type { Product } from '../../../modules/catalog/index.ts'
import { formatMoney } from '../../../platform/money/money.ts'
import { html, type SafeHtml, safeUrl } from '../html.ts'
import { isSoldOut } from '../stock-status.ts'

/** The price a card shows: the lowest variant price, "From …" when variants differ. */
export const cardPrice = (p: Pick<Product, 'price_range'>): string => {
  if (!p.price_range) return 'Price unavailable'
  const { min, max } = p.price_range
  return min.amount === max.amount ? formatMoney(min) : `From ${formatMoney(min)}`
}

/** A product's first image, or its generated placeholder. */
export const cardImage = (p: Pick<Product, 'images' | 'handle' | 'title'>): { readonly url: string; readonly alt: string } =>
  p.images[0] ?? { url: `/media/placeholder/${p.handle}.svg`, alt: p.title }

export type GridOptions = {
  /** heading level of each card's title: 2 under the page's h1, 3 under a section's h2 */
  readonly level?: 2 | 3
  /** how many leading images load at once (above the fold); the rest load lazily */
  readonly eager?: number
}

export const productCard = (p: Product, level: 2 | 3, eager: boolean): SafeHtml => {
  const img = cardImage(p)
  const title = level === 2 ? html`<h2 class="card-title">${p.title}</h2>` : html`<h3 class="card-title">${p.title}</h3>`
  const soldOut = p.price_range === null || isSoldOut(p.variants)
  const onSale = p.variants.some((v) => v.compare_at_price !== null)
  return html`<li class="card"><a href="/p/${p.handle}">
<img src="${safeUrl(img.url)}" alt="${img.alt}" width="800" height="800"${eager ? '' : html` loading="lazy"`} decoding="async">
${title}</a>
<p class="price">${cardPrice(p)}</p>${onSale && html`<p class="sale">Sale</p>`}${soldOut && html`<p class="stock out">Sold out</p>`}</li>`
}

/** The product grid used by the home, category and search pages. */
export const productGrid = (products: readonly Product[], o: GridOptions = {}): SafeHtml =>
  html`<ul class="grid">${products.map((p, i) => productCard(p, o.level ?? 2, i < (o.eager ?? 4)))}</ul>`
