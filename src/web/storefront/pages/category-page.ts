import type { Category } from '../../../modules/catalog/index.ts'
import type { CategoryNode } from '../category-tree.ts'
import { html } from '../html.ts'
import { breadcrumbJsonLd, type Crumb } from '../json-ld.ts'
import { type ListingQuery, listingHref, type ProductPage } from '../listing-query.ts'
import { breadcrumb } from '../views/breadcrumb.ts'
import { filtersForm } from '../views/filters-form.ts'
import { pagination } from '../views/pagination.ts'
import { productGrid } from '../views/product-grid.ts'
import { renderPage } from '../views/render-page.ts'
import type { Shell } from '../views/shell.ts'

export type CategoryView = {
  readonly node: CategoryNode
  /** the category and its ancestors, outermost first */
  readonly path: readonly Category[]
  readonly query: ListingQuery
  readonly page: ProductPage
}

export const categoryCrumbs = (path: readonly Category[]): Crumb[] => [
  { name: 'Home', path: '/' },
  ...path.map((c) => ({ name: c.name, path: `/c/${c.handle}` })),
]

/** Filtered or re-sorted views point search engines at the plain listing (keeping the cursor of its own order). */
const canonicalPath = (base: string, q: ListingQuery): string =>
  q.sort === undefined && q.priceMin === undefined && q.priceMax === undefined && q.cursor ? `${base}?cursor=${q.cursor}` : base

/** A category: breadcrumb, subcategories, filters, 24 products a page and cursor pagination. */
export const categoryPage = (shell: Shell, v: CategoryView): string => {
  const { category } = v.node
  const base = `/c/${category.handle}`
  const crumbs = categoryCrumbs(v.path)
  const { products, next_cursor } = v.page
  const filtered = v.query.priceMin !== undefined || v.query.priceMax !== undefined
  return renderPage(
    shell,
    {
      title: category.name,
      description: category.description || `Shop ${category.name} at ${shell.storeName}.`,
      path: canonicalPath(base, v.query),
      jsonLd: [breadcrumbJsonLd(crumbs, shell.origin)],
    },
    html`${breadcrumb(crumbs)}
<h1>${category.name}</h1>
${category.description && html`<p class="lede">${category.description}</p>`}
${
  v.node.children.length > 0 &&
  html`<nav class="subcats" aria-label="Subcategories"><ul class="chips">${v.node.children.map(
    (c) => html`<li><a href="/c/${c.category.handle}">${c.category.name}</a></li>`,
  )}</ul></nav>`
}
${filtersForm({ action: base, query: v.query, sorts: ['newest', 'price_asc', 'price_desc'], currency: shell.currency })}
${
  products.length
    ? productGrid(products)
    : html`<p class="empty">No products match ${filtered ? 'these filters' : 'here yet'}. ${filtered && html`<a href="${base}">Clear the filters</a>`}</p>`
}
${pagination({
  ...(v.query.cursor && { first: listingHref(base, v.query, shell.currency, { cursor: undefined }) }),
  ...(next_cursor && { next: listingHref(base, v.query, shell.currency, { cursor: next_cursor }) }),
})}`,
  )
}
