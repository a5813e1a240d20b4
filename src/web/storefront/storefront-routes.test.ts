import { afterAll, beforeAll, expect, test } from 'vitest'
import type { CatalogApi, Category } from '../../modules/catalog/index.ts'
import { createResponseCache } from '../../platform/cache/response-cache.ts'
import { localTagVersions } from '../../platform/cache/tag-versions.ts'
import { loadConfig } from '../../platform/config/load-config.ts'
import { createServer } from '../../platform/http/create-server.ts'
import { createLogger } from '../../platform/logging/create-logger.ts'
import { err, ok } from '../../platform/result.ts'
import { storefrontRoutes } from './index.ts'
import { sampleProduct } from './sample-catalog.ts'

const hats: Category = { id: 'cat_hats', handle: 'hats', name: 'Hats', description: 'Warm hats.', parent_id: null, position: 0 }
const product = sampleProduct()
let failNext = false

const catalog = {
  listCategories: async () => [hats],
  listProducts: async (i: { cursor?: string }) => {
    if (failNext) throw new Error('database down')
    if (i.cursor === 'stale') return err({ code: 'CATALOG_INVALID_CURSOR', message: 'bad cursor' })
    return ok({ products: [product], next_cursor: i.cursor ? null : 'c2' })
  },
  getProduct: async (i: { handle: string }) =>
    i.handle === product.handle ? ok(product) : err({ code: 'CATALOG_NOT_FOUND', message: 'no such product' }),
} as unknown as CatalogApi

const app = createServer(createLogger('silent'))

beforeAll(async () => {
  const cache = createResponseCache({ versions: localTagVersions(), prefix: 't:', maxEntries: 100, ttlSeconds: 60 })
  const config = loadConfig({ PUBLIC_URL: 'https://shop.example', STORE_NAME: 'Test Store' })
  await app.register(storefrontRoutes({ catalog, cache, policy: { sMaxAge: 60, staleWhileRevalidate: 300 }, config }))
  await app.ready()
})
afterAll(() => app.close())

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })

test('pages are HTML with ETag, CDN cache headers and surrogate keys, and answer 304 to a matching ETag', async () => {
  const home = await get('/')
  expect(home.statusCode).toBe(200)
  expect(home.headers['content-type']).toBe('text/html; charset=utf-8')
  expect(home.headers['surrogate-key']).toBe('catalog')
  expect(home.headers['cache-control']).toContain('s-maxage=60')
  expect(home.body).toContain('<link rel="canonical" href="https://shop.example/">')
  expect((await get('/', { 'if-none-match': String(home.headers.etag) })).statusCode).toBe(304)
})

test('a category lists products with a next-page link; a product page is keyed by its own tag and variant', async () => {
  const page = await get('/c/hats')
  expect(page.body).toContain('"@type":"BreadcrumbList"')
  expect(page.body).toContain('href="/c/hats?cursor=c2" rel="next"')
  const second = await get('/c/hats?cursor=c2')
  expect(second.body).toContain('href="/c/hats">← First page')
  const p = await get('/p/wool-hat?variant=var_m')
  expect(p.headers['surrogate-key']).toBe('catalog:p:wool-hat')
  expect(p.body).toContain('data-v="sku">SKU-var_m<')
  expect((await get('/p/wool-hat')).body).toContain('data-v="sku">SKU-var_s<')
})

test('unknown things are 404 pages and malformed input is a 400 page, never a 500', async () => {
  for (const [url, status] of [
    ['/c/unknown', 404],
    ['/c/Bad_Handle', 404],
    ['/p/missing', 404],
    ['/p/wool-hat?variant=var_zz', 404],
    ['/c/hats?min=abc', 400],
    ['/c/hats?cursor=stale', 400],
    ['/c/hats?sort=relevance', 400],
    [`/search?q=${'x'.repeat(201)}`, 400],
    ['/search?q=a&q=b', 400],
    ['/p/wool-hat?variant=%3Cx%3E', 400],
  ] as const) {
    const r = await get(url)
    expect([url, r.statusCode]).toEqual([url, status])
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(r.headers['cache-control']).toBe('no-store')
  }
})

test('search: a prompt without a query, results with one', async () => {
  expect((await get('/search')).body).toContain('What are you looking for?')
  const r = await get('/search?q=wool&min=10')
  expect(r.body).toContain('Results for “wool”')
  expect(r.body).toContain('<meta name="robots" content="noindex, follow">')
})

test('an unexpected failure is an HTML 500 page', async () => {
  failNext = true
  const r = await get('/search?q=boom')
  failNext = false
  expect(r.statusCode).toBe(500)
  expect(r.body).toContain('Something went wrong on our side')
})

test('sitemap, robots.txt, placeholder images and versioned assets', async () => {
  const sitemap = await get('/sitemap.xml')
  expect(sitemap.body).toContain('<loc>https://shop.example/p/wool-hat</loc>')
  expect((await get('/robots.txt')).body).toContain('Sitemap: https://shop.example/sitemap.xml')
  const svg = await get('/media/placeholder/wool-hat-1.svg')
  expect(svg.headers['content-type']).toBe('image/svg+xml')
  expect(svg.headers['cache-control']).toContain('max-age=31536000')
  expect((await get('/media/placeholder/Wool.svg')).statusCode).toBe(404)
  const href = /href="(\/assets\/storefront\.css\?v=[^"]+)"/.exec((await get('/')).body)?.[1] ?? ''
  expect((await get(href)).headers['cache-control']).toContain('immutable')
  expect((await get('/assets/storefront.css')).headers['cache-control']).not.toContain('immutable')
})
