import { eq } from 'drizzle-orm'
import { err, ok } from '../../../platform/result.ts'
import type { CatalogApi } from '../contract.ts'
import type { CatalogDeps } from '../deps.ts'
import { readProducts } from '../store/read-products.ts'
import { products } from '../schema.ts'

export const getProduct =
  (d: CatalogDeps): CatalogApi['getProduct'] =>
  async (input) => {
    const { currency, includeDrafts } = input
    const ref = 'handle' in input ? input.handle : input.id
    const [row] = await d.db.orm
      .select({ id: products.id, status: products.status })
      .from(products)
      .where('handle' in input ? eq(products.handle, input.handle) : eq(products.id, input.id))
      .limit(1)
    if (!row || (row.status !== 'published' && !includeDrafts)) {
      return err({ code: 'CATALOG_NOT_FOUND', message: `No product "${ref}".` })
    }
    const [product] = await readProducts(d.db.orm, { availability: d.availability, ids: [row.id], currency, at: d.clock.now() })
    return product ? ok(product) : err({ code: 'CATALOG_NOT_FOUND', message: `No product "${ref}".` })
  }
