import { expect, test } from 'vitest'
import { allocate } from './allocate.ts'

const s = (variantId: string, locationId: string, free: number) => ({ variantId, locationId, free })

test('prefers one location that can serve the whole order', () => {
  const r = allocate(
    [
      { variantId: 'a', quantity: 2 },
      { variantId: 'b', quantity: 1 },
    ],
    [s('a', 'x', 5), s('b', 'x', 0), s('a', 'y', 2), s('b', 'y', 1)],
  )
  expect(r).toEqual({
    ok: true,
    value: [
      { variantId: 'a', locationId: 'y', quantity: 2 },
      { variantId: 'b', locationId: 'y', quantity: 1 },
    ],
  })
})

test('splits a line over locations when no single one can serve it', () => {
  const r = allocate([{ variantId: 'a', quantity: 6 }], [s('a', 'x', 4), s('a', 'y', 3)])
  expect(r).toEqual({
    ok: true,
    value: [
      { variantId: 'a', locationId: 'x', quantity: 4 },
      { variantId: 'a', locationId: 'y', quantity: 2 },
    ],
  })
})

test('reports every short variant instead of over-allocating', () => {
  const r = allocate(
    [
      { variantId: 'a', quantity: 3 },
      { variantId: 'b', quantity: 1 },
      { variantId: 'c', quantity: 1 },
    ],
    [s('a', 'x', 2), s('c', 'x', 1)],
  )
  expect(r).toEqual({
    ok: false,
    error: [
      { variant_id: 'a', requested: 3, available: 2 },
      { variant_id: 'b', requested: 1, available: 0 },
    ],
  })
})

test('sums duplicate lines of one variant', () => {
  const r = allocate(
    [
      { variantId: 'a', quantity: 1 },
      { variantId: 'a', quantity: 1 },
    ],
    [s('a', 'x', 1)],
  )
  expect(r.ok).toBe(false)
})
