import { expect, test } from 'vitest'
import type { Category } from '../../modules/catalog/index.ts'
import { buildCategoryTree, categoryPath } from './category-tree.ts'

const cat = (id: string, parent: string | null): Category => ({
  id,
  handle: `h-${id}`,
  name: id.toUpperCase(),
  description: '',
  parent_id: parent,
  position: 0,
})

test('nests children under parents and finds the path from the root', () => {
  const tree = buildCategoryTree([cat('a', null), cat('b', 'a'), cat('c', 'b'), cat('d', null)])
  expect(tree.roots.map((n) => n.category.id)).toEqual(['a', 'd'])
  const c = tree.byHandle.get('h-c')
  expect(c && categoryPath(tree, c).map((x) => x.id)).toEqual(['a', 'b', 'c'])
})

test('tolerates an orphan and a cycle', () => {
  const tree = buildCategoryTree([cat('x', 'missing'), cat('p', 'q'), cat('q', 'p')])
  expect(tree.roots.map((n) => n.category.id)).toEqual(['x'])
  const p = tree.byId.get('p')
  expect(p && categoryPath(tree, p).map((x) => x.id)).toEqual(['q', 'p'])
})
