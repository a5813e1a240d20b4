import { err, ok } from '../../../platform/result.ts'
import type { Executor } from '../../../platform/db/database.ts'
import type { CatalogApi, ListProductsInput } from '../contract.ts'
import { type CatalogDeps, catalogRead } from '../deps.ts'
import { categoryWithDescendants } from '../domain/category-tree.ts'
import { type Cursor, decodeCursor, encodeCursor } from '../domain/cursor.ts'
import { buildTsQuery, searchWords } from '../domain/search-words.ts'
import { correctWords } from '../store/correct-words.ts'
import { type FoundRow, findProductIds, type SortKey } from '../store/find-product-ids.ts'
import { readProducts } from '../store/read-products.ts'
import { categoriesIn } from './list-categories.ts'

const nextCursor = (sort: SortKey, last: FoundRow, offset: number, count: number): Cursor => {
  switch (sort) {
    case 'newest':
      return { k: 'newest', t: last.created_at, id: last.id }
    case 'price_asc':
    case 'price_desc':
      return { k: sort, v: last.price, id: last.id }
    case 'relevance':
      return { k: 'relevance', o: offset + count }
  }
}

/** Reads run where the read pool says: a replica that has every catalog change, or the primary. */
export const listProducts =
  (d: CatalogDeps): CatalogApi['listProducts'] =>
  (input) =>
    catalogRead(d, (db) => listOn(d, db, input))

const listOn = async (d: CatalogDeps, db: Executor, input: ListProductsInput): ReturnType<CatalogApi['listProducts']> => {
  const words = input.q ? searchWords(input.q) : []
  const sort: SortKey = input.sort ?? (words.length ? 'relevance' : 'newest')
  const cursor = input.cursor ? decodeCursor(input.cursor) : undefined
  if (cursor === null || (cursor && cursor.k !== sort)) {
    return err({ code: 'CATALOG_INVALID_CURSOR', message: 'The cursor is malformed or belongs to another sort order.' })
  }
  let categoryIds: string[] | undefined
  if (input.category) {
    const found = categoryWithDescendants(await categoriesIn(db), input.category)
    if (!found) return err({ code: 'CATALOG_NOT_FOUND', message: `No category "${input.category}".` })
    categoryIds = found
  }
  if (input.q !== undefined && words.length === 0) return ok({ products: [], next_cursor: null })
  const tsQuery = words.length ? buildTsQuery(await correctWords(db, words)) : undefined
  const rows = await findProductIds(
    db,
    {
      currency: input.currency,
      ...(categoryIds && { categoryIds }),
      ...(tsQuery && { tsQuery, rawQuery: input.q }),
      ...(input.priceMin !== undefined && { priceMin: input.priceMin }),
      ...(input.priceMax !== undefined && { priceMax: input.priceMax }),
      ...(input.includeDrafts && { includeDrafts: true }),
    },
    sort === 'relevance' && !tsQuery ? 'newest' : sort,
    input.limit,
    cursor,
  )
  const page = rows.slice(0, input.limit)
  const last = page[page.length - 1]
  const offset = cursor?.k === 'relevance' ? cursor.o : 0
  const products = await readProducts(db, {
    availability: d.availability,
    ids: page.map((r) => r.id),
    currency: input.currency,
    at: d.clock.now(),
  })
  return ok({
    products,
    next_cursor: rows.length > input.limit && last ? encodeCursor(nextCursor(sort, last, offset, page.length)) : null,
  })
}
