import { describe, expect, test } from 'vitest'
import { SUPPORTED_CURRENCIES } from '../../../platform/money/money.ts'
import { generateCatalog, SEED_TIME } from './generate-catalog.ts'

const catalog = generateCatalog({})
const { categories, products, stock } = catalog
const variants = products.flatMap((p) => p.variants)
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/

const depthOf = (id: string): number => {
  const byId = new Map(categories.map((c) => [c.id, c]))
  let depth = 0
  for (let c = byId.get(id); c; c = c.parent_id ? byId.get(c.parent_id) : undefined) depth++
  return depth
}

const expectUnique = (values: readonly unknown[]) => expect(new Set(values).size).toBe(values.length)

describe('generateCatalog: determinism', () => {
  test('same options give byte-identical output', () => {
    const again = generateCatalog({})
    expect(again).toEqual(catalog)
    expect(JSON.stringify(again)).toBe(JSON.stringify(catalog))
    expect(generateCatalog({ products: 2000, seed: 42 })).toEqual(catalog)
  })

  test('a different seed gives a different catalog', () => {
    const other = generateCatalog({ seed: 7 })
    expect(other.products.map((p) => p.title)).not.toEqual(products.map((p) => p.title))
  })

  test('a smaller catalog is the start of the larger one', () => {
    const small = generateCatalog({ products: 50 })
    expect(small.products).toHaveLength(50)
    expect(small.products).toEqual(products.slice(0, 50))
    expect(small.categories).toEqual(categories)
  })

  test('rejects a negative or fractional product count', () => {
    expect(() => generateCatalog({ products: -1 })).toThrow(RangeError)
    expect(() => generateCatalog({ products: 1.5 })).toThrow(RangeError)
  })

  test('2,000 products generate in well under a second', () => {
    const started = performance.now()
    generateCatalog({ seed: 3 })
    expect(performance.now() - started).toBeLessThan(1000)
  })
})

describe('generateCatalog: categories', () => {
  test('about 30 categories, unique kebab-case handles and ids, nested three levels', () => {
    expect(categories.length).toBeGreaterThanOrEqual(25)
    expect(categories.length).toBeLessThanOrEqual(35)
    expectUnique(categories.map((c) => c.id))
    expectUnique(categories.map((c) => c.handle))
    for (const c of categories) expect(c.handle).toMatch(KEBAB)
    expect(Math.max(...categories.map((c) => depthOf(c.id as string)))).toBeGreaterThanOrEqual(3)
  })

  test('every parent exists and comes first; top level has parent_id null', () => {
    const seen = new Set<string>()
    for (const c of categories) {
      if (c.parent_id !== null) expect(seen.has(c.parent_id as string)).toBe(true)
      seen.add(c.id as string)
    }
    expect(categories.filter((c) => c.parent_id === null).length).toBeGreaterThanOrEqual(5)
  })

  test('every product sits in exactly one existing leaf category, and every leaf has products', () => {
    const ids = new Set(categories.map((c) => c.id))
    const parents = new Set(categories.map((c) => c.parent_id).filter((p) => p !== null))
    for (const p of products) {
      expect(p.category_ids).toHaveLength(1)
      const id = p.category_ids?.[0]
      expect(ids.has(id)).toBe(true)
      expect(parents.has(id)).toBe(false)
    }
    const used = new Set(products.map((p) => p.category_ids?.[0]))
    expect(used.size).toBe(categories.length - parents.size)
  })
})

describe('generateCatalog: products', () => {
  test('2,000 products with unique ids, titles and kebab-case handles', () => {
    expect(products).toHaveLength(2000)
    expectUnique(products.map((p) => p.id))
    expectUnique(products.map((p) => p.title))
    expectUnique(products.map((p) => p.handle))
    for (const p of products) expect(p.handle).toMatch(KEBAB)
  })

  test('descriptions, SEO and images are filled in', () => {
    for (const p of products) {
      const sentences = p.description?.match(/[.!?](\s|$)/g) ?? []
      expect(sentences.length).toBeGreaterThanOrEqual(2)
      expect(sentences.length).toBeLessThanOrEqual(4)
      expect(p.seo?.title).toBe(`${p.title} | Crest Demo Store`)
      expect(p.seo?.description?.length).toBeLessThanOrEqual(155)
      expect(p.description?.startsWith((p.seo?.description ?? '').replace(/…$/, ''))).toBe(true)
      expect(p.images?.length).toBeGreaterThanOrEqual(1)
      expect(p.images?.length).toBeLessThanOrEqual(3)
      expect(p.images?.[0]).toEqual({ url: `/media/placeholder/${p.handle}-1.svg`, alt: `${p.title}, view 1` })
    }
  })

  test('about 1% drafts, the rest published', () => {
    const drafts = products.filter((p) => p.status === 'draft').length
    expect(products.every((p) => p.status === 'draft' || p.status === 'published')).toBe(true)
    expect(drafts).toBeGreaterThanOrEqual(4)
    expect(drafts).toBeLessThanOrEqual(60)
  })

  test('created_at spreads over the year before SEED_TIME and is distinct', () => {
    const times = products.map((p) => Date.parse(p.created_at as string))
    expectUnique(times)
    for (const t of times) {
      expect(t).toBeLessThan(SEED_TIME)
      expect(t).toBeGreaterThanOrEqual(SEED_TIME - 366 * 24 * 3600 * 1000)
    }
    const months = new Set(products.map((p) => p.created_at?.slice(0, 7)))
    expect(months.size).toBeGreaterThanOrEqual(12)
  })
})

describe('generateCatalog: variants and prices', () => {
  test('1–5 variants per product with consistent option keys', () => {
    for (const p of products) {
      expect(p.variants.length).toBeGreaterThanOrEqual(1)
      expect(p.variants.length).toBeLessThanOrEqual(5)
      const keys = p.variants.map((v) => Object.keys(v.options ?? {}).join('|'))
      expect(new Set(keys).size).toBe(1)
      if (p.variants.length === 1) expect(p.variants[0]).toMatchObject({ title: 'Default', options: {} })
      else expect(keys[0]).not.toBe('')
      expectUnique(p.variants.map((v) => v.title))
    }
  })

  test('unique upper-case SKUs and unique variant ids', () => {
    expectUnique(variants.map((v) => v.sku))
    expectUnique(variants.map((v) => v.id))
    for (const v of variants) expect(v.sku).toMatch(/^[A-Z]{3}-[A-Z]{3}-\d{6}(-[A-Z0-9]+)*$/)
  })

  test('one price per supported currency, each a safe positive integer', () => {
    for (const v of variants) {
      expect(v.prices.map((m) => m.currency)).toEqual([...SUPPORTED_CURRENCIES])
      for (const m of v.prices) {
        expect(Number.isSafeInteger(m.amount)).toBe(true)
        expect(m.amount).toBeGreaterThan(0)
      }
      const [, , , nok, sek] = v.prices
      expect((nok?.amount ?? 1) % 100).toBe(0)
      expect((sek?.amount ?? 1) % 100).toBe(0)
    }
  })

  test('weights are realistic', () => {
    for (const v of variants) {
      expect(Number.isSafeInteger(v.weight_grams)).toBe(true)
      expect(v.weight_grams).toBeGreaterThanOrEqual(5)
      expect(v.weight_grams).toBeLessThanOrEqual(15000)
    }
  })
})

describe('generateCatalog: stock', () => {
  test('exactly one stock entry per variant, within location limits', () => {
    expect(stock).toHaveLength(variants.length)
    expect(stock.map((s) => s.variant_id)).toEqual(variants.map((v) => v.id))
    for (const s of stock) {
      expect(s.warehouse).toBeGreaterThanOrEqual(0)
      expect(s.warehouse).toBeLessThanOrEqual(200)
      expect(s.store).toBeGreaterThanOrEqual(0)
      expect(s.store).toBeLessThanOrEqual(30)
    }
  })

  test('about 5% sold out everywhere and some only in the warehouse', () => {
    const soldOut = stock.filter((s) => s.warehouse === 0 && s.store === 0).length / stock.length
    expect(soldOut).toBeGreaterThan(0.02)
    expect(soldOut).toBeLessThan(0.1)
    expect(stock.some((s) => s.warehouse > 0 && s.store === 0)).toBe(true)
  })
})
