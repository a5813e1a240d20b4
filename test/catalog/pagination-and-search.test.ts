import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { engineKinds } from '../support/test-database.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'

type Page = {
  products: { id: string; handle: string; title: string; price_range: { min: { amount: number } } | null; category_ids: string[] }[]
  next_cursor: string | null
}

describe.each(engineKinds())('store catalog API on %s', (engine) => {
  let t: TestApp
  const get = async (url: string) => {
    const r = await t.app.inject({ method: 'GET', url })
    return { status: r.statusCode, body: r.json(), headers: r.headers }
  }
  const walk = async (query: string) => {
    const seen: Page['products'] = []
    let cursor: string | null = null
    for (let i = 0; i < 500; i++) {
      const r = await get(`/store/products?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`)
      expect(r.status).toBe(200)
      const page = r.body as Page
      seen.push(...page.products)
      cursor = page.next_cursor
      if (!cursor) break
    }
    return seen
  }

  beforeAll(async () => {
    t = await startTestApp({ engine, seedProducts: 120, listen: false })
  })
  afterAll(() => t?.close())

  test('cursor pagination visits every published product exactly once, in every sort', async () => {
    const [{ n }] = (await queryRows<{ n: number }>(
      t.engines.db.orm,
      sql`select count(*)::int as n from catalog.products where status = 'published'`,
    )) as [{ n: number }]
    expect(n).toBeGreaterThan(100)
    for (const sort of ['', '&sort=newest', '&sort=price_asc', '&sort=price_desc']) {
      const seen = await walk(sort)
      expect(seen.length).toBe(n)
      expect(new Set(seen.map((p) => p.id)).size).toBe(n)
    }
    const asc = (await walk('&sort=price_asc')).map((p) => p.price_range?.min.amount ?? 0)
    expect(asc).toEqual([...asc].sort((a, b) => a - b))
  })

  test('category filter includes subcategories and paginates completely', async () => {
    const { categories } = (await get('/store/categories')).body as {
      categories: { id: string; handle: string; parent_id: string | null }[]
    }
    const top = categories.find((c) => c.parent_id === null && categories.some((k) => k.parent_id === c.id)) as {
      id: string
      handle: string
    }
    const below = new Set([top.id])
    for (let grew = true; grew; ) {
      grew = false
      for (const c of categories) {
        if (c.parent_id && below.has(c.parent_id) && !below.has(c.id)) {
          below.add(c.id)
          grew = true
        }
      }
    }
    const seen = await walk(`&category=${top.handle}`)
    expect(seen.length).toBeGreaterThan(0)
    for (const p of seen) expect(p.category_ids.some((id) => below.has(id))).toBe(true)
    const all = await walk('')
    expect(seen.length).toBe(all.filter((p) => p.category_ids.some((id) => below.has(id))).length)
  })

  test('price range filter keeps products whose lowest price is inside it', async () => {
    const r = await get('/store/products?limit=100&price_min=2000&price_max=5000')
    expect(r.status).toBe(200)
    for (const p of (r.body as Page).products) {
      expect(p.price_range?.min.amount).toBeGreaterThanOrEqual(2000)
      expect(p.price_range?.min.amount).toBeLessThanOrEqual(5000)
    }
  })

  test('search finds a title word, tolerates a typo and prefers title over description', async () => {
    const all = await walk('')
    const word = all.map((p) => p.title.split(/\s+/).find((w) => /^[A-Za-z]{7,}$/.test(w))).find(Boolean) as string
    const exact = (await get(`/store/products?q=${encodeURIComponent(word)}&limit=100`)).body as Page
    expect(exact.products.length).toBeGreaterThan(0)
    expect(exact.products[0]?.title.toLowerCase()).toContain(word.toLowerCase())
    const typo = word.slice(0, 3) + word[4] + word[3] + word.slice(5) // swap two letters
    const fuzzy = (await get(`/store/products?q=${encodeURIComponent(typo)}&limit=100`)).body as Page
    expect(fuzzy.products.map((p) => p.id)).toContain(exact.products[0]?.id)
  })

  test('unknown handle is 404 not_found; malformed queries are 400 with a code', async () => {
    const missing = await get('/store/products/no-such-product')
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('not_found')
    for (const q of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'sort=cheapest',
      'cursor=garbage',
      'price_min=-1',
      'currency=XYZ',
      `q=${'x'.repeat(201)}`,
    ]) {
      const r = await get(`/store/products?${q}`)
      expect(r.status, q).toBe(400)
      expect(typeof r.body.error.code, q).toBe('string')
    }
    expect((await get('/store/products?category=no-such-category')).body.error.code).toBe('not_found')
  })
})
