import { inArray } from 'drizzle-orm'
import type { CatalogApi, ProductInput } from '../contract.ts'
import { CATALOG_TAG, type CatalogDeps } from '../deps.ts'
import { toHandle } from '../domain/handle.ts'
import { categories, productCategories, productImages, products } from '../schema.ts'
import { addSearchTerms, insertVariants, refreshPriceRanges } from '../store/write-product.ts'

const BATCH = 200

const productRow = (p: ProductInput & { id: string }, now: Date) => ({
  id: p.id,
  handle: p.handle ?? toHandle(p.title),
  title: p.title,
  description: p.description ?? '',
  status: p.status ?? ('published' as const),
  seoTitle: p.seo?.title ?? '',
  seoDescription: p.seo?.description ?? '',
  createdAt: p.created_at ? new Date(p.created_at) : now,
  updatedAt: now,
})

/** Bulk load for `crest seed`: idempotent, products that already exist (by id) are skipped. */
export const importCatalog =
  (d: CatalogDeps): CatalogApi['importCatalog'] =>
  async (input) => {
    const now = d.clock.now()
    let added = 0
    await d.db.orm.transaction(async (tx) => {
      if (input.categories.length) {
        await tx
          .insert(categories)
          .values(
            input.categories.map((c) => ({
              id: c.id ?? d.newId('cat'),
              handle: c.handle,
              name: c.name,
              description: c.description ?? '',
              parentId: c.parent_id ?? null,
              position: c.position ?? 0,
            })),
          )
          .onConflictDoNothing()
      }
      for (let i = 0; i < input.products.length; i += BATCH) {
        const batch = input.products.slice(i, i + BATCH).map((p) => ({ ...p, id: p.id ?? d.newId('prod') }))
        const existing = new Set(
          (
            await tx
              .select({ id: products.id })
              .from(products)
              .where(
                inArray(
                  products.id,
                  batch.map((p) => p.id),
                ),
              )
          ).map((r) => r.id),
        )
        const fresh = batch.filter((p) => !existing.has(p.id))
        if (fresh.length === 0) continue
        await tx.insert(products).values(fresh.map((p) => productRow(p, now)))
        const cats = fresh.flatMap((p) => (p.category_ids ?? []).map((categoryId) => ({ productId: p.id, categoryId })))
        if (cats.length) await tx.insert(productCategories).values(cats)
        const imgs = fresh.flatMap((p) =>
          (p.images ?? []).map((img, position) => ({ productId: p.id, position, url: img.url, alt: img.alt })),
        )
        if (imgs.length) await tx.insert(productImages).values(imgs)
        for (const p of fresh)
          await insertVariants(
            tx,
            p.id,
            p.variants.map((v) => ({ ...v, id: v.id ?? d.newId('var') })),
            0,
          )
        await refreshPriceRanges(
          tx,
          fresh.map((p) => p.id),
          now,
        )
        await addSearchTerms(
          tx,
          fresh.map((p) => p.title),
        )
        added += fresh.length
      }
      await addSearchTerms(
        tx,
        input.categories.map((c) => c.name),
      )
    })
    await d.invalidate([CATALOG_TAG])
    return { categories: input.categories.length, products: added }
  }
