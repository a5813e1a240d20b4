import type { Product } from '../../../modules/catalog/index.ts'
import { html, type SafeHtml, safeUrl } from '../html.ts'
import { cardImage } from './product-grid.ts'

/** The first image large and loaded at once; the other views below it, loaded lazily. */
export const productGallery = (p: Product): SafeHtml => {
  const [first, ...rest] = p.images.length ? p.images : [cardImage(p)]
  return html`<div class="gallery">
${first && html`<img class="main" src="${safeUrl(first.url)}" alt="${first.alt || p.title}" width="800" height="800" fetchpriority="high">`}
${
  rest.length > 0 &&
  html`<ul class="thumbs">${rest.map(
    (i) => html`<li><img src="${safeUrl(i.url)}" alt="${i.alt || p.title}" width="800" height="800" loading="lazy" decoding="async"></li>`,
  )}</ul>`
}
</div>`
}
