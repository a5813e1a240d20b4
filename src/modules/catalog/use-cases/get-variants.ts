import { type SQL, sql } from 'drizzle-orm'
import { compiledSql, LIST_SHAPES_UP_TO, listValues, perShape, placeholderList } from '../../../platform/db/compiled-statement.ts'
import { queryRows } from '../../../platform/db/database.ts'
import type { CatalogApi, VariantSnapshot } from '../contract.ts'
import type { CatalogDeps } from '../deps.ts'
import { activeSchedulesAt, idList, instant } from '../store/active-schedules.ts'

type Row = {
  id: string
  product_id: string
  product_handle: string
  product_title: string
  status: string
  sku: string
  title: string
  weight_grams: number
  amount: number | null
}

/**
 * One query: variant, its product, and the price in force now by the catalog's clock (a running campaign price
 * wins; no regular price in the currency means not sold in it), exactly as the product pages show it.
 */
export const getVariants =
  (d: CatalogDeps): CatalogApi['getVariants'] =>
  async (ids, currency) => {
    if (ids.length === 0) return new Map()
    const unique = [...new Set(ids)]
    const now = d.clock.now()
    const rows =
      unique.length <= LIST_SHAPES_UP_TO
        ? await statementFor(unique.length)(d.db.orm, { ...listValues('id', unique), currency, at: now.toISOString() })
        : await queryRows<Row>(d.db.orm, variantsSql(idList(unique), sql`${currency}`, instant(now)))
    return new Map(
      rows.map((r): [string, VariantSnapshot] => [
        r.id,
        {
          id: r.id,
          product_id: r.product_id,
          product_handle: r.product_handle,
          product_title: r.product_title,
          sku: r.sku,
          title: r.title,
          price: r.amount === null ? null : { amount: Number(r.amount), currency },
          weight_grams: r.weight_grams,
          purchasable: r.status === 'published' && r.amount !== null,
        },
      ]),
    )
  }

const variantsSql = (wanted: SQL, currency: SQL, at: SQL) => sql`
      select v.id, v.product_id, p.handle as product_handle, p.title as product_title, p.status,
        v.sku, v.title, v.weight_grams,
        case when vp.amount is null then null else coalesce(a.amount, vp.amount) end as amount
      from catalog.variants v
      join catalog.products p on p.id = v.product_id
      left join catalog.variant_prices vp on vp.variant_id = v.id and vp.currency = ${currency}
      left join ${activeSchedulesAt(at, wanted)} a on a.variant_id = v.id and a.currency = ${currency}
      where v.id in (${wanted})`

/** Look-ups of up to LIST_SHAPES_UP_TO variants (a cart's lines) are built once per count. */
const statementFor = perShape((n: number) =>
  compiledSql<Row, Record<string, unknown>>(() =>
    variantsSql(placeholderList('id', n), sql`${sql.placeholder('currency')}`, sql`${sql.placeholder('at')}::timestamptz`),
  ),
)
