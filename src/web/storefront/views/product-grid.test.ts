import { expect, test } from 'vitest'
import { sampleProduct, sampleVariant } from '../sample-catalog.ts'
import { cardPrice, productGrid } from './product-grid.ts'

const eur = (amount: number) => ({ amount, currency: 'EUR' })

test('cards show the lowest price, "From" when variants differ, formatted with the currency', () => {
  expect(cardPrice({ price_range: { min: eur(2950), max: eur(2950) } })).toBe('€29.50')
  expect(cardPrice({ price_range: { min: eur(1999), max: eur(2499) } })).toBe('From €19.99')
  expect(cardPrice({ price_range: { min: eur(123456), max: eur(123456) } })).toBe('€1,234.56')
  expect(cardPrice({ price_range: { min: { amount: 9900, currency: 'SEK' }, max: { amount: 9900, currency: 'SEK' } } })).toMatch(
    /^SEK\s99\.00$/,
  )
  expect(cardPrice({ price_range: null })).toBe('Price unavailable')
})

test('the grid renders price text, "Sold out" only when no variant is available, and lazy images after the first', () => {
  const inStock = sampleProduct()
  const soldOut = sampleProduct({ handle: 'gone-hat', variants: [sampleVariant('var_x', 1999, 0)] })
  const out = productGrid([inStock, soldOut], { eager: 1 }).value
  expect(out).toContain('<p class="price">From €19.99</p>')
  expect(out.match(/Sold out/g)).toHaveLength(1)
  expect(out.indexOf('Sold out')).toBeGreaterThan(out.indexOf('/p/gone-hat'))
  expect(out.match(/loading="lazy"/g)).toHaveLength(1)
  expect(out).toContain('width="800" height="800"')
  expect(out).toContain('alt="Wool Hat, view 1"')
})

test('catalog text in cards is escaped', () => {
  const out = productGrid([sampleProduct({ title: '<img src=x onerror=alert(1)>', images: [] })]).value
  expect(out).not.toContain('<img src=x')
  expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;')
})
