import type { Category } from '../../modules/catalog/index.ts'

export type CategoryNode = { readonly category: Category; readonly children: CategoryNode[] }

export type CategoryTree = {
  readonly roots: readonly CategoryNode[]
  readonly byHandle: ReadonlyMap<string, CategoryNode>
  readonly byId: ReadonlyMap<string, CategoryNode>
}

/** Nests the flat category list (already ordered by position, name) under its parents. */
export const buildCategoryTree = (all: readonly Category[]): CategoryTree => {
  const byId = new Map<string, CategoryNode>(all.map((c) => [c.id, { category: c, children: [] }]))
  const roots: CategoryNode[] = []
  for (const node of byId.values()) {
    const parent = node.category.parent_id === null ? undefined : byId.get(node.category.parent_id)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const byHandle = new Map([...byId.values()].map((n) => [n.category.handle, n]))
  return { roots, byHandle, byId }
}

/** The category and its ancestors, outermost first; stops on a cycle rather than loop. */
export const categoryPath = (tree: CategoryTree, node: CategoryNode): Category[] => {
  const path: Category[] = []
  const seen = new Set<string>()
  let at: CategoryNode | undefined = node
  while (at && !seen.has(at.category.id)) {
    seen.add(at.category.id)
    path.unshift(at.category)
    at = at.category.parent_id === null ? undefined : tree.byId.get(at.category.parent_id)
  }
  return path
}
