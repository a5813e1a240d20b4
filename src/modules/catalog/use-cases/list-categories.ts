import { asc } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { Category } from '../contract.ts'
import { type CatalogDeps, catalogRead } from '../deps.ts'
import { categories } from '../schema.ts'

export const listCategories = (d: Pick<CatalogDeps, 'db' | 'reads'>) => (): Promise<Category[]> => catalogRead(d, categoriesIn)

/** Every category, in display order. */
export const categoriesIn = async (db: Executor): Promise<Category[]> => {
  const rows = await db.select().from(categories).orderBy(asc(categories.position), asc(categories.name))
  return rows.map((c) => ({
    id: c.id,
    handle: c.handle,
    name: c.name,
    description: c.description,
    parent_id: c.parentId,
    position: c.position,
  }))
}
