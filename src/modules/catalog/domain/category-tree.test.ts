import { expect, test } from 'vitest'
import { categoryWithDescendants } from './category-tree.ts'

const tree = [
  { id: 'cat_a', handle: 'apparel', parent_id: null },
  { id: 'cat_b', handle: 'tops', parent_id: 'cat_a' },
  { id: 'cat_c', handle: 'tees', parent_id: 'cat_b' },
  { id: 'cat_d', handle: 'home', parent_id: null },
]

test('includes every level below, found by handle or id', () => {
  expect(categoryWithDescendants(tree, 'apparel')?.sort()).toEqual(['cat_a', 'cat_b', 'cat_c'])
  expect(categoryWithDescendants(tree, 'cat_b')?.sort()).toEqual(['cat_b', 'cat_c'])
  expect(categoryWithDescendants(tree, 'home')).toEqual(['cat_d'])
})

test('unknown category is null', () => {
  expect(categoryWithDescendants(tree, 'nope')).toBeNull()
})

test('a cycle does not hang', () => {
  const cyclic = [
    { id: 'x', handle: 'x', parent_id: 'y' },
    { id: 'y', handle: 'y', parent_id: 'x' },
  ]
  expect(categoryWithDescendants(cyclic, 'x')?.sort()).toEqual(['x', 'y'])
})
