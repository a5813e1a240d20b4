import { eq } from 'drizzle-orm'
import { uniqueViolation } from '../../../platform/db/unique-violation.ts'
import { err, ok } from '../../../platform/result.ts'
import type { CatalogApi } from '../contract.ts'
import { CATALOG_TAG, type CatalogDeps } from '../deps.ts'
import { categories } from '../schema.ts'

export const createCategory =
  (d: CatalogDeps): CatalogApi['createCategory'] =>
  async (input) => {
    if (input.parent_id) {
      const [parent] = await d.db.orm.select({ id: categories.id }).from(categories).where(eq(categories.id, input.parent_id))
      if (!parent) return err({ code: 'CATALOG_UNKNOWN_CATEGORY', message: `No category "${input.parent_id}".`, category: input.parent_id })
    }
    const row = {
      id: input.id ?? d.newId('cat'),
      handle: input.handle,
      name: input.name,
      description: input.description ?? '',
      parentId: input.parent_id ?? null,
      position: input.position ?? 0,
    }
    try {
      await d.db.orm.insert(categories).values(row)
    } catch (e) {
      if (!uniqueViolation(e)) throw e
      return err({ code: 'CATALOG_HANDLE_TAKEN', message: `The handle "${input.handle}" is already used.`, handle: input.handle })
    }
    await d.invalidate([CATALOG_TAG])
    return ok({
      id: row.id,
      handle: row.handle,
      name: row.name,
      description: row.description,
      parent_id: row.parentId,
      position: row.position,
    })
  }
