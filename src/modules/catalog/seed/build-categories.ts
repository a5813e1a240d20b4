import { seededId } from '../../../platform/ids/new-id.ts'
import type { CategoryInput } from '../contract.ts'
import type { CategoryNode, Department } from './category-tree.ts'
import type { LeafVocab } from './leaf-vocab.ts'
import { slugify } from './slugify.ts'

/** A leaf category products can be attached to. `skuPrefix` is e.g. "APP-SWE". */
export type SeedLeaf = {
  readonly id: string
  readonly name: string
  readonly skuPrefix: string
  readonly vocab: LeafVocab
}

type Walk = { readonly categories: CategoryInput[]; readonly leaves: SeedLeaf[]; readonly seedTime: number }

const uniqueHandle = (walk: Walk, name: string, parentHandle: string | null): string => {
  const handle = slugify(name)
  const taken = (h: string) => walk.categories.some((c) => c.handle === h)
  if (!taken(handle)) return handle
  const qualified = parentHandle ? `${parentHandle}-${handle}` : handle
  let out = qualified
  for (let n = 2; taken(out); n++) out = `${qualified}-${n}`
  return out
}

type Place = { readonly parent: CategoryInput | null; readonly position: number; readonly code: string }

const visit = (walk: Walk, node: CategoryNode, at: Place): void => {
  const id = seededId('cat', walk.categories.length + 1, walk.seedTime)
  const category: CategoryInput = {
    id,
    handle: uniqueHandle(walk, node.name, at.parent?.handle ?? null),
    name: node.name,
    description: node.description,
    parent_id: at.parent?.id ?? null,
    position: at.position,
  }
  walk.categories.push(category)
  if ('vocab' in node) {
    walk.leaves.push({ id, name: node.name, skuPrefix: `${at.code}-${node.vocab.sku}`, vocab: node.vocab })
    return
  }
  for (const [position, child] of node.children.entries()) {
    visit(walk, child, { parent: category, position, code: at.code })
  }
}

/** Flattens the tree depth-first: parents come before their children, ids are `cat_…` numbered from 1. */
export const buildCategories = (
  departments: readonly Department[],
  seedTime: number,
): { categories: CategoryInput[]; leaves: SeedLeaf[] } => {
  const walk: Walk = { categories: [], leaves: [], seedTime }
  for (const [position, d] of departments.entries()) visit(walk, d, { parent: null, position, code: d.code })
  return { categories: walk.categories, leaves: walk.leaves }
}
