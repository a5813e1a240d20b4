import type { Product, Variant } from '../../../modules/catalog/index.ts'
import { categoryPath } from '../category-tree.ts'
import { html, type SafeHtml } from '../html.ts'
import { breadcrumbJsonLd, type Crumb, productJsonLd } from '../json-ld.ts'
import { stockStatus } from '../stock-status.ts'
import { breadcrumb } from '../views/breadcrumb.ts'
import { productGallery } from '../views/product-gallery.ts'
import { cardImage } from '../views/product-grid.ts'
import { renderPage } from '../views/render-page.ts'
import type { Shell } from '../views/shell.ts'
import { variantData, variantPicker, variantPrice, wasPrice } from '../views/variant-picker.ts'
import { categoryCrumbs } from './category-page.ts'

/** The variant asked for (null when it is not this product's), else the first one in stock, else the first. */
export const pickVariant = (p: Product, id: string | undefined): Variant | null => {
  if (id !== undefined) return p.variants.find((v) => v.id === id) ?? null
  return p.variants.find((v) => stockStatus(v).state !== 'out') ?? p.variants[0] ?? null
}

const crumbsFor = (shell: Shell, p: Product): Crumb[] => {
  const node = p.category_ids[0] === undefined ? undefined : shell.nav.byId.get(p.category_ids[0])
  const trail = node ? categoryCrumbs(categoryPath(shell.nav, node)) : [{ name: 'Home', path: '/' }]
  return [...trail, { name: p.title, path: `/p/${p.handle}` }]
}

const description = (text: string): SafeHtml =>
  html`${text
    .split(/\n\s*\n/)
    .map((para) => para.trim())
    .filter(Boolean)
    .map((para) => html`<p>${para}</p>`)}`

/** Largest quantity the form offers in one go (the cart enforces its own limit). */
export const MAX_ADD_QUANTITY = 99

/**
 * "Add to cart" as a plain POST form (works without JavaScript). It names the variant shown, and carries no
 * per-shopper data, so the page stays cacheable and shared; the enhancement script keeps variant_id in step with the picker.
 */
const addToCart = (v: Variant): SafeHtml => {
  const out = stockStatus(v).state === 'out'
  return html`<form class="cart" method="post" action="/cart/items" data-add-to-cart>
<input type="hidden" name="variant_id" value="${v.id}" data-v-input="id">
<div class="field qty">
<label for="add-qty">Quantity</label>
<input id="add-qty" name="quantity" type="number" min="1" max="${MAX_ADD_QUANTITY}" step="1" value="1" inputmode="numeric" required>
</div>
<button type="submit" data-v-buy${out && html` disabled`}>Add to cart</button>
</form>`
}

/** One product: gallery, price and stock of the chosen variant, the picker, description; JSON-LD Product. */
export const productPage = (shell: Shell, p: Product, selected: Variant): string => {
  const crumbs = crumbsFor(shell, p)
  const stock = stockStatus(selected)
  return renderPage(
    shell,
    {
      title: p.title,
      fullTitle: p.seo.title,
      description: p.seo.description || p.description || p.title,
      path: `/p/${p.handle}`,
      ogType: 'product',
      image: cardImage(p).url,
      jsonLd: [productJsonLd(p, shell.origin), breadcrumbJsonLd(crumbs, shell.origin)],
    },
    html`${breadcrumb(crumbs)}
<article class="product">
${productGallery(p)}
<div class="buy">
<h1>${p.title}</h1>
<div class="status" aria-live="polite">
<p class="price big" data-v="price">${variantPrice(selected)}</p>
<p class="was" data-v="was">${wasPrice(selected)}</p>
<p class="stock ${stock.state}" data-v="stock">${stock.text}</p>
<p class="sku">SKU <span data-v="sku">${selected.sku}</span>${p.variants.length > 1 && html` · <span data-v="title">${selected.title}</span>`}</p>
</div>
${variantPicker(p, selected)}
${
  shell.cart
    ? addToCart(selected)
    : html`<div class="cart">
<button type="button" disabled aria-describedby="cart-note">Add to cart</button>
<p id="cart-note" class="note">Online checkout arrives with the shopping cart, coming soon.</p>
</div>`
}
<section class="desc" aria-labelledby="desc-h">
<h2 id="desc-h">Description</h2>
${description(p.description)}
</section>
</div>
</article>
${variantData(p)}`,
    { script: p.variants.length > 1 },
  )
}
