import { html, type SafeHtml } from '../html.ts'
import type { Shell } from './shell.ts'

/** Store name home link, the search form and the top-level category nav: on every page. */
export const siteHeader = (shell: Shell, query = ''): SafeHtml => html`<header class="site-header">
<div class="bar wrap">
<a class="brand" href="/">${shell.storeName}</a>
<form class="search" role="search" method="get" action="/search">
<label class="sr-only" for="site-q">Search products</label>
<input id="site-q" type="search" name="q" value="${query}" maxlength="200" placeholder="Search products" autocomplete="off">
<button type="submit">Search</button>
</form>
${shell.cart && html`<a class="account-link" href="/account">Account</a> <a class="cart-link" href="/cart">Cart</a>`}
</div>
<nav class="cats" aria-label="Categories"><ul class="wrap">${shell.nav.roots.map(
  (n) => html`<li><a href="/c/${n.category.handle}">${n.category.name}</a></li>`,
)}</ul></nav>
</header>`

export const siteFooter = (shell: Shell): SafeHtml => html`<footer class="site-footer"><div class="wrap">
<nav aria-label="Footer"><ul>${shell.nav.roots.map((n) => html`<li><a href="/c/${n.category.handle}">${n.category.name}</a></li>`)}<li><a href="/sitemap.xml">Sitemap</a></li></ul></nav>
<p>© ${shell.storeName} · Powered by Crest</p>
</div></footer>`
