import type { CatalogApi, Category } from '../../modules/catalog/index.ts'
import { AppError } from '../../platform/app-error.ts'
import { escapeHtml } from './html.ts'

export type SitemapEntry = { readonly loc: string; readonly lastmod?: string }

/** The sitemap protocol allows 50,000 URLs per file; beyond that a sitemap index is needed. */
export const SITEMAP_MAX_URLS = 50_000

/** sitemaps.org XML for absolute URLs (escaped), lastmod as a W3C date. */
export const renderSitemap = (entries: readonly SitemapEntry[]): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map(
      (e) => `<url><loc>${escapeHtml(e.loc)}</loc>${e.lastmod ? `<lastmod>${escapeHtml(e.lastmod.slice(0, 10))}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n')

/** Home, every category and every published product (paged 100 at a time until the last page). */
export const collectSitemap = async (
  catalog: CatalogApi,
  o: { readonly origin: string; readonly currency: string },
): Promise<SitemapEntry[]> => {
  const categories: Category[] = await catalog.listCategories()
  const entries: SitemapEntry[] = [{ loc: `${o.origin}/` }, ...categories.map((c) => ({ loc: `${o.origin}/c/${c.handle}` }))]
  let cursor: string | undefined
  do {
    const r = await catalog.listProducts({ sort: 'newest', currency: o.currency, limit: 100, ...(cursor && { cursor }) })
    if (!r.ok) throw new AppError('STOREFRONT_SITEMAP_FAILED', r.error.message, { details: r.error })
    for (const p of r.value.products) entries.push({ loc: `${o.origin}/p/${p.handle}`, lastmod: p.updated_at })
    cursor = r.value.next_cursor ?? undefined
  } while (cursor && entries.length < SITEMAP_MAX_URLS)
  return entries.slice(0, SITEMAP_MAX_URLS)
}

/** Crawl everything but the admin and search results, and find the sitemap. */
export const robotsTxt = (origin: string): string =>
  ['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /search', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n')
