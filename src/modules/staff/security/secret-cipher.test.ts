import { randomBytes } from 'node:crypto'
import { expect, test } from 'vitest'
import { createSecretCipher, SecretUnreadableError } from './secret-cipher.ts'

const key = randomBytes(32)
const cipher = createSecretCipher(key)
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

const flipOne = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1)

test('a sealed secret opens with the same key and context, and never shows the plaintext', () => {
  const sealed = cipher.seal(SECRET, 'usr_1')
  expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/)
  expect(sealed).not.toContain(SECRET)
  expect(cipher.open(sealed, 'usr_1')).toEqual({ plain: SECRET, legacy: false })
  expect(cipher.seal(SECRET, 'usr_1')).not.toBe(sealed) // a fresh IV every time
})

test('a legacy plaintext value is read as it is and flagged for re-sealing', () => {
  expect(cipher.open(SECRET, 'usr_1')).toEqual({ plain: SECRET, legacy: true })
})

test('a changed IV, tag or ciphertext, another key or another row refuses with a typed error', () => {
  const sealed = cipher.seal(SECRET, 'usr_1')
  const [, iv, tag, body] = sealed.split(':') as [string, string, string, string]
  const tampered = [
    `v1:${flipOne(iv, 3)}:${tag}:${body}`,
    `v1:${iv}:${flipOne(tag, 3)}:${body}`,
    `v1:${iv}:${tag}:${flipOne(body, 3)}`,
    `v1:${iv}:${tag}:${body}AA`,
    `v1:${iv}:${tag}`,
    `v1:${iv}:${tag.slice(2)}:${body}`,
  ]
  for (const t of tampered) {
    expect(() => cipher.open(t, 'usr_1'), t).toThrow(SecretUnreadableError)
  }
  expect(() => cipher.open(sealed, 'usr_2')).toThrow(SecretUnreadableError)
  expect(() => createSecretCipher(randomBytes(32)).open(sealed, 'usr_1')).toThrow(SecretUnreadableError)
  try {
    cipher.open(`v1:${iv}:${tag}:${flipOne(body, 0)}`, 'usr_1')
    expect.unreachable()
  } catch (e) {
    expect((e as SecretUnreadableError).code).toBe('STAFF_SECRET_UNREADABLE')
    expect(String((e as Error).message)).not.toContain(SECRET)
  }
})

test('a key of the wrong length is refused', () => {
  expect(() => createSecretCipher(randomBytes(16))).toThrow(/32 bytes/)
})
