import { expect, test } from 'vitest'
import { createSalesTally } from './sales-tally.ts'

test('ranks variants by units ordered, most first', () => {
  const t = createSalesTally()
  t.record([
    { variantId: 'var_a', quantity: 1 },
    { variantId: 'var_b', quantity: 5 },
  ])
  t.record([
    { variantId: 'var_c', quantity: 3 },
    { variantId: 'var_a', quantity: 1 },
  ])
  expect(t.top(2)).toEqual(['var_b', 'var_c'])
  expect(t.top(10)).toEqual(['var_b', 'var_c', 'var_a'])
})

test('stays bounded, keeping the best sellers', () => {
  const t = createSalesTally({ max: 4 })
  t.record([{ variantId: 'var_hot', quantity: 100 }])
  for (let i = 0; i < 10; i++) t.record([{ variantId: `var_${i}`, quantity: 1 }])
  expect(t.top(100).length).toBeLessThanOrEqual(4)
  expect(t.top(1)).toEqual(['var_hot'])
})

test('recent sales outweigh old ones after the half-life', () => {
  const t = createSalesTally({ halfLifeOrders: 2 })
  t.record([{ variantId: 'var_old', quantity: 10 }])
  t.record([{ variantId: 'var_new', quantity: 4 }]) // both halve: old 5, new 2
  t.record([{ variantId: 'var_new', quantity: 4 }])
  expect(t.top(1)).toEqual(['var_new'])
})
