import { sql } from 'drizzle-orm'
import { queryRows } from '../../../platform/db/database.ts'
import type { CatalogApi, VariantSnapshot } from '../contract.ts'
import type { CatalogDeps } from '../deps.ts'

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

/** One query: variant, its product, and the price in force now (an active campaign price wins). */
export const getVariants =
  (d: CatalogDeps): CatalogApi['getVariants'] =>
  async (ids, currency) => {
    if (ids.length === 0) return new Map()
    const rows = await queryRows<Row>(d.db.orm, sql`
      select v.id, v.product_id, p.handle as product_handle, p.title as product_title, p.status,
        v.sku, v.title, v.weight_grams,
        coalesce(
          (select s.amount from catalog.price_schedules s
            where s.variant_id = v.id and s.currency = ${currency} and s.starts_at <= now() and s.ends_at > now()
            order by s.starts_at desc limit 1),
          vp.amount
        ) as amount
      from catalog.variants v
      join catalog.products p on p.id = v.product_id
      left join catalog.variant_prices vp on vp.variant_id = v.id and vp.currency = ${currency}
      where v.id in (${sql.join([...new Set(ids)].map((id) => sql`${id}`), sql`, `)})`)
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
