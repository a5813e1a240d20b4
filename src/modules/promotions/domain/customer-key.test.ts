import { expect, test } from 'vitest'
import { customerKeyOf } from './customer-key.ts'

test('customer keys ignore case and surrounding spaces', () => {
  expect(customerKeyOf('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com')
})
