import { expect, test } from 'vitest'
import type { Product, Variant } from '../../modules/catalog/index.ts'
import { breadcrumbJsonLd, jsonForScript, jsonScript, productJsonLd } from './json-ld.ts'

const variant = (id: string, amount: number | null, available: number): Variant => ({
  id,
  sku: `SKU-${id}`,
  title: `Size ${id}`,
  options: {},
  weight_grams: 100,
  available,
  price: amount === null ? null : { amount, currency: 'EUR' },
  compare_at_price: null,
  prices: [],
})

const product: Product = {
  id: 'prod_1',
  handle: 'wool-hat',
  title: 'Wool Hat',
  description: 'Warm.',
  status: 'published',
  seo: { title: 'Wool Hat', description: 'A warm wool hat.' },
  images: [{ url: '/media/placeholder/wool-hat-1.svg', alt: 'Wool Hat' }],
  category_ids: [],
  price_range: { min: { amount: 1999, currency: 'EUR' }, max: { amount: 2499, currency: 'EUR' } },
  variants: [variant('var_a', 1999, 12), variant('var_b', 2499, 0), variant('var_c', null, 3)],
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
}

test('product JSON-LD has one offer per priced variant with decimal price, currency, availability and sku', () => {
  const ld = productJsonLd(product, 'https://shop.example')
  expect(ld).toMatchObject({ '@type': 'Product', name: 'Wool Hat', url: 'https://shop.example/p/wool-hat' })
  expect(ld.image).toEqual(['https://shop.example/media/placeholder/wool-hat-1.svg'])
  expect(ld.offers).toEqual([
    expect.objectContaining({
      '@type': 'Offer',
      sku: 'SKU-var_a',
      price: '19.99',
      priceCurrency: 'EUR',
      availability: 'https://schema.org/InStock',
    }),
    expect.objectContaining({ sku: 'SKU-var_b', price: '24.99', availability: 'https://schema.org/OutOfStock' }),
  ])
})

test('breadcrumb JSON-LD numbers the crumbs and makes their URLs absolute', () => {
  const ld = breadcrumbJsonLd(
    [
      { name: 'Home', path: '/' },
      { name: 'Hats', path: '/c/hats' },
    ],
    'https://shop.example',
  )
  expect(ld.itemListElement).toEqual([
    { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://shop.example/' },
    { '@type': 'ListItem', position: 2, name: 'Hats', item: 'https://shop.example/c/hats' },
  ])
})

test('JSON in a script block cannot close the element, and parses back unchanged', () => {
  const evil = { name: '</script><script>alert(1)</script><!--', sep: '\u2028&' }
  const text = jsonForScript(evil)
  expect(text).not.toMatch(/[<>&\u2028]/)
  expect(JSON.parse(text)).toEqual(evil)
  const block = jsonScript('application/ld+json', evil).value
  expect(block.match(/<\/script>/g)).toHaveLength(1)
  expect(block.endsWith('</script>')).toBe(true)
})
