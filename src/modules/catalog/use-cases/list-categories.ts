import { asc } from 'drizzle-orm'
import type { Category } from '../contract.ts'
import type { CatalogDeps } from '../deps.ts'
import { categories } from '../schema.ts'

export const listCategories = (d: Pick<CatalogDeps, 'db'>) => async (): Promise<Category[]> => {
  const rows = await d.db.orm.select().from(categories).orderBy(asc(categories.position), asc(categories.name))
  return rows.map((c) => ({
    id: c.id,
    handle: c.handle,
    name: c.name,
    description: c.description,
    parent_id: c.parentId,
    position: c.position,
  }))
}
