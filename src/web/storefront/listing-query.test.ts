import { expect, test } from 'vitest'
import { listingHref, parseListingQuery } from './listing-query.ts'

const search = { search: true, currency: 'EUR' }
const category = { search: false, currency: 'EUR' }

test('reads filters, converting major-unit prices to minor units and ignoring empty fields', () => {
  const r = parseListingQuery({ q: '  wool   hat ', sort: 'price_asc', min: '10', max: '49.99', cursor: '', utm_source: 'x' }, search)
  expect(r).toEqual({ ok: true, value: { q: 'wool hat', sort: 'price_asc', priceMin: 1000, priceMax: 4999 } })
})

test('rejects malformed input with a message, never throws', () => {
  for (const bad of [
    { q: 'x'.repeat(201) },
    { min: 'ten' },
    { max: '1.999' },
    { cursor: '<script>' },
    { sort: 'cheapest' },
    { q: ['a', 'b'] },
  ]) {
    expect(parseListingQuery(bad, search).ok).toBe(false)
  }
  expect(parseListingQuery({ sort: 'relevance' }, category).ok).toBe(false)
})

test('category pages ignore q', () => {
  expect(parseListingQuery({ q: 'hat' }, category)).toEqual({ ok: true, value: {} })
})

test('links keep the filters and can drop or set the cursor', () => {
  const q = { q: 'hat', priceMin: 1250, cursor: 'abc' }
  expect(listingHref('/search', q, 'EUR')).toBe('/search?q=hat&min=12.50&cursor=abc')
  expect(listingHref('/search', q, 'EUR', { cursor: undefined })).toBe('/search?q=hat&min=12.50')
  expect(listingHref('/c/hats', {}, 'EUR')).toBe('/c/hats')
})
