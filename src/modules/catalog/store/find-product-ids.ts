import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { Cursor } from '../domain/cursor.ts'

export type ProductFilter = {
  readonly categoryIds?: readonly string[]
  readonly currency: string
  readonly priceMin?: number
  readonly priceMax?: number
  readonly includeDrafts?: boolean
  /** a sanitised tsquery (see buildTsQuery); absent for plain listing */
  readonly tsQuery?: string
  /** the query as typed; also matched as the parser reads documents (hyphenated words, numbers) */
  readonly rawQuery?: string
}

export type SortKey = 'relevance' | 'newest' | 'price_asc' | 'price_desc'

export type FoundRow = { id: string; created_at: string; price: number; rank: number }

const MAX_PRICE = 2_147_483_647

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )

const conditions = (f: ProductFilter): SQL[] => {
  const where: SQL[] = []
  if (!f.includeDrafts) where.push(sql`p.status = 'published'`)
  if (f.categoryIds) {
    where.push(sql`exists (select 1 from catalog.product_categories pc
      where pc.product_id = p.id and pc.category_id in (${list(f.categoryIds)}))`)
  }
  if (f.priceMin !== undefined) where.push(sql`r.min_amount >= ${f.priceMin}`)
  if (f.priceMax !== undefined) where.push(sql`r.min_amount <= ${f.priceMax}`)
  if (f.tsQuery) {
    where.push(sql`(p.search_vector @@ to_tsquery('english', ${f.tsQuery})
      or p.search_vector @@ websearch_to_tsquery('english', ${f.rawQuery ?? ''}))`)
  }
  return where
}

const keyset = (c: Cursor | undefined): SQL | null => {
  if (!c) return null
  switch (c.k) {
    case 'newest':
      return sql`(p.created_at, p.id) < (${c.t}::timestamptz, ${c.id})`
    case 'price_asc':
      return sql`(coalesce(r.min_amount, ${MAX_PRICE}), p.id) > (${c.v}, ${c.id})`
    case 'price_desc':
      return sql`(coalesce(r.min_amount, -1), p.id) < (${c.v}, ${c.id})`
    case 'relevance':
      return null
  }
}

const ORDER: Record<SortKey, SQL> = {
  newest: sql`p.created_at desc, p.id desc`,
  price_asc: sql`coalesce(r.min_amount, ${MAX_PRICE}) asc, p.id asc`,
  price_desc: sql`coalesce(r.min_amount, -1) desc, p.id desc`,
  relevance: sql`rank desc, p.created_at desc, p.id desc`,
}

/** One page of product ids (plus one extra row to tell whether more follow). */
export const findProductIds = async (
  db: Executor,
  f: ProductFilter,
  sort: SortKey,
  limit: number,
  cursor?: Cursor,
): Promise<FoundRow[]> => {
  const where = conditions(f)
  const k = keyset(cursor)
  if (k) where.push(k)
  const rank = f.tsQuery ? sql`ts_rank_cd(p.search_vector, to_tsquery('english', ${f.tsQuery}))` : sql`0`
  const offset = cursor?.k === 'relevance' ? cursor.o : 0
  return queryRows<FoundRow>(
    db,
    sql`select p.id,
        to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
        coalesce(r.min_amount, ${sort === 'price_desc' ? -1 : MAX_PRICE})::int as price,
        ${rank}::float8 as rank
      from catalog.products p
      left join catalog.product_price_ranges r on r.product_id = p.id and r.currency = ${f.currency}
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
      order by ${ORDER[sort]}
      limit ${limit + 1} offset ${offset}`,
  )
}
