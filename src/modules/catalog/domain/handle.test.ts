import { expect, test } from 'vitest'
import { HANDLE_PATTERN, toHandle } from './handle.ts'

test('makes a readable handle from a title', () => {
  expect(toHandle('Merino Crew-Neck Sweater')).toBe('merino-crew-neck-sweater')
  expect(toHandle('  Crème brûlée   Set 26 cm! ')).toBe('creme-brulee-set-26-cm')
  expect(toHandle('!!!')).toBe('product')
})

test('handles always match the pattern', () => {
  for (const t of ['A', 'a--b', 'x'.repeat(200), 'Über straße']) expect(toHandle(t)).toMatch(HANDLE_PATTERN)
})
