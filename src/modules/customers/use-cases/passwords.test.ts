import { expect, test } from 'vitest'
import { hashPassword, verifyPassword } from './passwords.ts'

test('argon2id hashes that verify only the right password', async () => {
  const h = await hashPassword('correct horse battery')
  expect(h.startsWith('$argon2id$')).toBe(true)
  expect(h).not.toContain('correct horse')
  expect(await verifyPassword(h, 'correct horse battery')).toBe(true)
  expect(await verifyPassword(h, 'correct horse batterY')).toBe(false)
  expect(await verifyPassword(null, 'correct horse battery')).toBe(false)
  expect(await verifyPassword('not a hash', 'x')).toBe(false)
})
