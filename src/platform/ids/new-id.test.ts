import { expect, test } from 'vitest'
import { newId, seededId } from './new-id.ts'

test('ids are prefixed, 26 characters of Crockford base32 after the prefix, and never repeat', () => {
  const ids = Array.from({ length: 5000 }, () => newId('ord'))
  for (const id of ids) expect(id).toMatch(/^ord_[0-9abcdefghjkmnpqrstvwxyz]{26}$/)
  expect(new Set(ids).size).toBe(ids.length)
  // random parts differ across the 4 KiB refills too (5,000 ids span about 20 of them)
  expect(new Set(ids.map((id) => id.slice(14))).size).toBe(ids.length)
})

test('ids sort by their time', () => {
  const earlier = newId('cart', Date.UTC(2026, 0, 1))
  const later = newId('cart', Date.UTC(2026, 0, 1) + 1)
  expect([later, earlier].sort()).toEqual([earlier, later])
})

test('seeded ids are the same for the same seed', () => {
  expect(seededId('prod', 7, 1_700_000_000_000)).toBe(seededId('prod', 7, 1_700_000_000_000))
  expect(seededId('prod', 7, 1_700_000_000_000)).not.toBe(seededId('prod', 8, 1_700_000_000_000))
})
