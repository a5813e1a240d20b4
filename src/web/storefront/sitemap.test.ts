import { expect, test } from 'vitest'
import type { CatalogApi, Product } from '../../modules/catalog/index.ts'
import { ok } from '../../platform/result.ts'
import { collectSitemap, renderSitemap, robotsTxt } from './sitemap.ts'

test('renders escaped absolute URLs with dates', () => {
  const xml = renderSitemap([{ loc: 'https://s.example/?a=1&b=2' }, { loc: 'https://s.example/p/x', lastmod: '2026-01-02T03:04:05Z' }])
  expect(xml).toContain('<loc>https://s.example/?a=1&amp;b=2</loc>')
  expect(xml).toContain('<url><loc>https://s.example/p/x</loc><lastmod>2026-01-02</lastmod></url>')
})

test('walks every product page until next_cursor is null', async () => {
  const product = (handle: string) => ({ handle, updated_at: '2026-01-01T00:00:00Z' }) as Product
  const pages: Record<string, { products: Product[]; next_cursor: string | null }> = {
    '': { products: [product('a'), product('b')], next_cursor: 'c1' },
    c1: { products: [product('c')], next_cursor: null },
  }
  const catalog = {
    listCategories: async () => [{ id: 'cat_1', handle: 'hats', name: 'Hats', description: '', parent_id: null, position: 0 }],
    listProducts: async (i: { cursor?: string }) => ok(pages[i.cursor ?? ''] ?? { products: [], next_cursor: null }),
  } as unknown as CatalogApi
  const entries = await collectSitemap(catalog, { origin: 'https://s.example', currency: 'EUR' })
  expect(entries.map((e) => e.loc)).toEqual([
    'https://s.example/',
    'https://s.example/c/hats',
    'https://s.example/p/a',
    'https://s.example/p/b',
    'https://s.example/p/c',
  ])
})

test('robots.txt keeps crawlers out of admin and search and points to the sitemap', () => {
  const txt = robotsTxt('https://s.example')
  expect(txt).toContain('Disallow: /admin\nDisallow: /search')
  expect(txt).toContain('Sitemap: https://s.example/sitemap.xml')
})
