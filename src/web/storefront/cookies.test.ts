import { expect, test } from 'vitest'
import { parseCookies, serializeCookie } from './cookies.ts'

test('parses a Cookie header, skipping malformed pairs and keeping the first of a repeated name', () => {
  const c = parseCookies('a=1; crest_cart=cart_123; bad; =x; crest_cart=other; q="quoted"; e=%E0%A4%A')
  expect(c.get('a')).toBe('1')
  expect(c.get('crest_cart')).toBe('cart_123')
  expect(c.get('q')).toBe('quoted')
  expect(c.has('e')).toBe(false)
  expect(parseCookies(undefined).size).toBe(0)
})

test('cookies are HttpOnly and SameSite=Lax, Secure when asked, with an optional Max-Age', () => {
  expect(serializeCookie('crest_cart', 'c1', { secure: true })).toBe('crest_cart=c1; Path=/; HttpOnly; SameSite=Lax; Secure')
  expect(serializeCookie('crest_cart', '', { secure: false, maxAgeSeconds: 0 })).toBe(
    'crest_cart=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
  )
})
