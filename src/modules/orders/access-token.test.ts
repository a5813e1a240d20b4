import { expect, test } from 'vitest'
import { accessTokenMatches, hashAccessToken, newAccessToken } from './access-token.ts'

test('a token is 32 random bytes in base64url behind otok_, kept only as its SHA-256', () => {
  const { token, hash } = newAccessToken()
  expect(token).toMatch(/^otok_[A-Za-z0-9_-]{43}$/)
  expect(hash).toMatch(/^[0-9a-f]{64}$/)
  expect(hash).toBe(hashAccessToken(token))
  expect(newAccessToken().token).not.toBe(token)
})

test('only the same token matches', () => {
  const { token, hash } = newAccessToken()
  expect(accessTokenMatches(token, hash)).toBe(true)
  for (const wrong of ['', 'otok_', token.slice(0, -1), `${token}x`, newAccessToken().token, hash]) {
    expect(accessTokenMatches(wrong, hash)).toBe(false)
  }
  expect(accessTokenMatches(token, 'not-hex')).toBe(false)
})
