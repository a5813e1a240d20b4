import type { Product } from '../../../modules/catalog/index.ts'
import type { CategoryNode } from '../category-tree.ts'
import { html, type SafeHtml } from '../html.ts'
import { productGrid } from '../views/product-grid.ts'
import { renderPage } from '../views/render-page.ts'
import type { Shell } from '../views/shell.ts'

const department = (n: CategoryNode): SafeHtml =>
  html`<li><a class="dept" href="/c/${n.category.handle}">${n.category.name}</a>${
    n.children.length > 0 &&
    html`<ul class="sub">${n.children.map((c) => html`<li><a href="/c/${c.category.handle}">${c.category.name}</a></li>`)}</ul>`
  }</li>`

/** Home: hero, the departments with their subcategories, and the newest products. */
export const homePage = (shell: Shell, newest: readonly Product[]): string => {
  const names = shell.nav.roots.map((n) => n.category.name)
  return renderPage(
    shell,
    {
      title: shell.storeName,
      description: names.length ? `Shop ${names.join(', ')} at ${shell.storeName}.` : `Welcome to ${shell.storeName}.`,
      path: '/',
      ogType: 'website',
    },
    html`<section class="hero">
<h1>${shell.storeName}</h1>
<p>Well-made things for every day. Browse by category or see what just arrived.</p>
</section>
${
  names.length > 0 &&
  html`<nav class="departments" aria-labelledby="dept-h">
<h2 id="dept-h">Shop by category</h2>
<ul>${shell.nav.roots.map(department)}</ul>
</nav>`
}
<section aria-labelledby="new-h">
<h2 id="new-h">New arrivals</h2>
${newest.length ? productGrid(newest, { level: 3, eager: 2 }) : html`<p class="empty">New products are on their way.</p>`}
</section>`,
  )
}
