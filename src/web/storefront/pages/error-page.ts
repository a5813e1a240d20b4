import { html } from '../html.ts'
import { renderPage } from '../views/render-page.ts'
import type { Shell } from '../views/shell.ts'

export type ErrorView = {
  readonly status: number
  readonly heading: string
  readonly detail: string
  readonly link?: { readonly href: string; readonly text: string }
}

/** 400, 404 and 500 pages: what happened, and ways to carry on shopping. */
export const errorPage = (shell: Shell, e: ErrorView): string =>
  renderPage(
    shell,
    { title: e.heading, description: e.detail, path: '/', noindex: true },
    html`<section class="notice">
<h1>${e.heading}</h1>
<p>${e.detail}</p>
<p>${e.link && html`<a class="button" href="${e.link.href}">${e.link.text}</a> `}<a class="button${e.link ? ' secondary' : ''}" href="/">Back to the home page</a></p>
${
  shell.nav.roots.length > 0 &&
  html`<h2>Or browse a category</h2>
<ul class="chips">${shell.nav.roots.map((n) => html`<li><a href="/c/${n.category.handle}">${n.category.name}</a></li>`)}</ul>`
}
</section>`,
  )
