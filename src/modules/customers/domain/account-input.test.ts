import { expect, test } from 'vitest'
import { checkEmail, checkName, checkPassword, MAX_PASSWORD } from './account-input.ts'

test('e-mails are trimmed and lower-cased; malformed ones are refused', () => {
  expect(checkEmail('  Ada@Example.TEST ')).toEqual({ ok: true, value: 'ada@example.test' })
  for (const bad of ['', 'ada', 'ada@', '@x.y', 'a b@x.y', '<script>@x.y', `${'a'.repeat(250)}@x.yz`])
    expect(checkEmail(bad).ok, bad).toBe(false)
})

test('passwords: length bounds, not the e-mail, not one repeated character', () => {
  expect(checkPassword('correct horse', 'a@b.c').ok).toBe(true)
  expect(checkPassword('short', 'a@b.c')).toMatchObject({ ok: false, error: { code: 'CUSTOMERS_WEAK_PASSWORD' } })
  expect(checkPassword('x'.repeat(MAX_PASSWORD + 1), 'a@b.c').ok).toBe(false)
  expect(checkPassword('aaaaaaaaaaaa', 'a@b.c').ok).toBe(false)
  expect(checkPassword('ada@example.test', 'ada@example.test').ok).toBe(false)
})

test('names: optional, bounded, one line', () => {
  expect(checkName(undefined)).toEqual({ ok: true, value: '' })
  expect(checkName(' Ada ')).toEqual({ ok: true, value: 'Ada' })
  expect(checkName('a\nb').ok).toBe(false)
  expect(checkName('x'.repeat(201)).ok).toBe(false)
})
