import { randomBytes } from 'node:crypto'
import { expect, test } from 'vitest'
import { developmentSecretKey, parseSecretKey } from './secret-key.ts'

test('a 32-byte key is read from hex, base64 and base64url; anything else is refused', () => {
  const key = randomBytes(32)
  expect(parseSecretKey(key.toString('hex'))).toEqual(key)
  expect(parseSecretKey(key.toString('base64'))).toEqual(key)
  expect(parseSecretKey(key.toString('base64url'))).toEqual(key)
  expect(parseSecretKey(` ${key.toString('base64')}\n`)).toEqual(key)
  expect(parseSecretKey(randomBytes(16).toString('base64'))).toBeNull()
  expect(parseSecretKey(randomBytes(31).toString('hex'))).toBeNull()
  expect(parseSecretKey('correct horse battery staple, no key at all')).toBeNull()
  expect(parseSecretKey('')).toBeNull()
})

test('the development key is stable and differs per purpose', () => {
  expect(developmentSecretKey('staff')).toEqual(developmentSecretKey('staff'))
  expect(developmentSecretKey('staff')).toHaveLength(32)
  expect(developmentSecretKey('staff')).not.toEqual(developmentSecretKey('other'))
})
