import { eq } from 'drizzle-orm'
import { ok } from '../../../platform/result.ts'
import type { CatalogApi } from '../contract.ts'
import { CATALOG_TAG, type CatalogDeps, productTag } from '../deps.ts'
import { products } from '../schema.ts'
import { deleteProductRows } from '../store/write-product.ts'
import { notFound } from './write-errors.ts'

export const deleteProduct =
  (d: CatalogDeps): CatalogApi['deleteProduct'] =>
  async (id) => {
    const handle = await d.db.orm.transaction(async (tx) => {
      const [row] = await tx.select({ handle: products.handle }).from(products).where(eq(products.id, id)).for('update')
      if (!row) return null
      await deleteProductRows(tx, id)
      return row.handle
    })
    if (handle === null) return notFound(`product "${id}"`)
    await d.invalidate([CATALOG_TAG, productTag(handle)])
    return ok({ id })
  }
