import type { Product } from '../../modules/catalog/index.ts'
import { raw, type SafeHtml, safeUrl } from './html.ts'
import { decimalAmount } from './money-text.ts'
import { stockStatus } from './stock-status.ts'

/**
 * JSON that cannot end its <script> element or open a comment: <, >, & and the JS line separators are
 * written as \u escapes, which JSON.parse reads back unchanged.
 */
export const jsonForScript = (data: unknown): string =>
  JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')

/** A data-only script block (JSON-LD or page data): never executable code. */
export const jsonScript = (type: 'application/ld+json' | 'application/json', data: unknown, id?: string): SafeHtml =>
  raw(`<script type="${type}"${id ? ` id="${id}"` : ''}>${jsonForScript(data)}</script>`)

/** A site path or URL made absolute against the store's origin. */
export const absoluteUrl = (origin: string, pathOrUrl: string): string => {
  const url = safeUrl(pathOrUrl)
  return /^https?:\/\//i.test(url) ? url : `${origin}${url === '#' ? '/' : url}`
}

/** schema.org Product with one Offer per priced variant. */
export const productJsonLd = (p: Product, origin: string): Record<string, unknown> => {
  const url = `${origin}/p/${p.handle}`
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.title,
    description: p.seo.description || p.description,
    url,
    image: p.images.map((i) => absoluteUrl(origin, i.url)),
    ...(p.variants.length === 1 && p.variants[0] ? { sku: p.variants[0].sku } : {}),
    offers: p.variants.flatMap((v) =>
      v.price === null
        ? []
        : [
            {
              '@type': 'Offer',
              sku: v.sku,
              name: v.title,
              price: decimalAmount(v.price),
              priceCurrency: v.price.currency,
              availability: stockStatus(v).schema,
              url: `${url}?variant=${encodeURIComponent(v.id)}`,
            },
          ],
    ),
  }
}

export type Crumb = { readonly name: string; readonly path: string }

/** schema.org BreadcrumbList from the home page down to the current page. */
export const breadcrumbJsonLd = (crumbs: readonly Crumb[], origin: string): Record<string, unknown> => ({
  '@context': 'https://schema.org',
  '@type': 'BreadcrumbList',
  itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: absoluteUrl(origin, c.path) })),
})
