export type CategoryNode = { readonly id: string; readonly handle: string; readonly parent_id: string | null }

/** The category itself (by id or handle) and every category below it; null if unknown. */
export const categoryWithDescendants = (all: readonly CategoryNode[], idOrHandle: string): string[] | null => {
  const root = all.find((c) => c.id === idOrHandle || c.handle === idOrHandle)
  if (!root) return null
  const children = new Map<string, string[]>()
  for (const c of all) {
    if (c.parent_id === null) continue
    const list = children.get(c.parent_id) ?? []
    list.push(c.id)
    children.set(c.parent_id, list)
  }
  const out: string[] = []
  const queue = [root.id]
  while (queue.length > 0) {
    const id = queue.shift() as string
    if (out.includes(id)) continue // tolerate a cycle rather than loop forever
    out.push(id)
    queue.push(...(children.get(id) ?? []))
  }
  return out
}
