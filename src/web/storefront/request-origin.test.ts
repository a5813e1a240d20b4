import { expect, test } from 'vitest'
import { requestOrigin } from './request-origin.ts'

test('prefers PUBLIC_URL, without a trailing slash', () => {
  expect(requestOrigin('https://shop.example/', { protocol: 'http', host: 'internal:3000' })).toBe('https://shop.example')
})

test('falls back to the request, refusing a hostile Host header', () => {
  expect(requestOrigin(undefined, { protocol: 'http', host: '127.0.0.1:4123' })).toBe('http://127.0.0.1:4123')
  expect(requestOrigin(undefined, { protocol: 'https', host: 'Shop.Example' })).toBe('https://shop.example')
  expect(requestOrigin(undefined, { protocol: 'http', host: 'evil"><script>' })).toBe('http://localhost')
})
