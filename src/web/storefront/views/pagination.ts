import { html, type SafeHtml } from '../html.ts'

/** Cursor pagination: "First page" once past the first, "Next page" while there is more. */
export const pagination = (o: { readonly first?: string; readonly next?: string }): SafeHtml =>
  o.first || o.next
    ? html`<nav class="pager" aria-label="Pagination">${o.first && html`<a href="${o.first}">← First page</a>`}${
        o.next && html`<a href="${o.next}" rel="next">Next page →</a>`
      }</nav>`
    : html``
