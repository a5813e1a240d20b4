import { html, type SafeHtml } from '../html.ts'
import type { Crumb } from '../json-ld.ts'

/** Home › ancestors › current page; the last crumb is the page itself and is not a link. */
export const breadcrumb = (crumbs: readonly Crumb[]): SafeHtml =>
  html`<nav class="crumbs" aria-label="Breadcrumb"><ol>${crumbs.map((c, i) =>
    i === crumbs.length - 1 ? html`<li><span aria-current="page">${c.name}</span></li>` : html`<li><a href="${c.path}">${c.name}</a></li>`,
  )}</ol></nav>`
