import { html, type SafeHtml } from '../html.ts'
import { type ListingQuery, listingHref, type ProductPage } from '../listing-query.ts'
import { filtersForm } from '../views/filters-form.ts'
import { pagination } from '../views/pagination.ts'
import { productGrid } from '../views/product-grid.ts'
import { renderPage } from '../views/render-page.ts'
import type { Shell } from '../views/shell.ts'

const browse = (shell: Shell): SafeHtml =>
  html`<ul class="chips">${shell.nav.roots.map((n) => html`<li><a href="/c/${n.category.handle}">${n.category.name}</a></li>`)}</ul>`

const prompt = (shell: Shell): SafeHtml => html`<h1>Search</h1>
<section class="notice">
<p>What are you looking for? Try a product name, a material or a colour, like “merino” or “black”.</p>
<form class="search big" role="search" method="get" action="/search">
<label for="search-q">Search products</label>
<input id="search-q" type="search" name="q" maxlength="200">
<button type="submit">Search</button>
</form>
<h2>Or browse a category</h2>
${browse(shell)}
</section>`

const noResults = (shell: Shell, q: string, filtered: boolean): SafeHtml => html`<section class="notice">
<p>No products match “${q}”${filtered && ' with these filters'}.</p>
<ul>
${filtered && html`<li><a href="${listingHref('/search', { q }, shell.currency)}">Search again without the filters</a></li>`}
<li>Check the spelling, or try fewer or more general words.</li>
<li>Browse a category instead:</li>
</ul>
${browse(shell)}
</section>`

/** Search results with the listing's filters and pagination; a friendly prompt when there is no query. */
export const searchPage = (shell: Shell, query: ListingQuery, page: ProductPage | null): string => {
  const q = query.q
  const head = {
    title: q ? `Search results for “${q}”` : 'Search',
    description: `Search the ${shell.storeName} catalog.`,
    path: '/search',
    noindex: true,
  }
  if (!q || !page) return renderPage(shell, head, prompt(shell))
  const filtered = query.priceMin !== undefined || query.priceMax !== undefined
  const body = html`<h1>Results for “${q}”</h1>
${filtersForm({ action: '/search', query, sorts: ['relevance', 'newest', 'price_asc', 'price_desc'], currency: shell.currency })}
${page.products.length ? productGrid(page.products) : noResults(shell, q, filtered)}
${pagination({
  ...(query.cursor && { first: listingHref('/search', query, shell.currency, { cursor: undefined }) }),
  ...(page.next_cursor && { next: listingHref('/search', query, shell.currency, { cursor: page.next_cursor }) }),
})}`
  return renderPage(shell, head, body, { query: q })
}
