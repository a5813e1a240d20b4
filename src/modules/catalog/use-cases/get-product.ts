import { eq } from 'drizzle-orm'
import { err, ok } from '../../../platform/result.ts'
import type { Executor } from '../../../platform/db/database.ts'
import type { CatalogApi } from '../contract.ts'
import { type CatalogDeps, catalogRead } from '../deps.ts'
import { readProducts } from '../store/read-products.ts'
import { products } from '../schema.ts'

type Input = Parameters<CatalogApi['getProduct']>[0]

/** Reads run where the read pool says: a replica that has every catalog change, or the primary. */
export const getProduct =
  (d: CatalogDeps): CatalogApi['getProduct'] =>
  (input) =>
    catalogRead(d, (db) => getOn(d, db, input))

const getOn = async (d: CatalogDeps, db: Executor, input: Input): ReturnType<CatalogApi['getProduct']> => {
  const { currency, includeDrafts } = input
  const ref = 'handle' in input ? input.handle : input.id
  const [row] = await db
    .select({ id: products.id, status: products.status })
    .from(products)
    .where('handle' in input ? eq(products.handle, input.handle) : eq(products.id, input.id))
    .limit(1)
  if (!row || (row.status !== 'published' && !includeDrafts)) {
    return err({ code: 'CATALOG_NOT_FOUND', message: `No product "${ref}".` })
  }
  const [product] = await readProducts(db, { availability: d.availability, ids: [row.id], currency, at: d.clock.now() })
  return product ? ok(product) : err({ code: 'CATALOG_NOT_FOUND', message: `No product "${ref}".` })
}
