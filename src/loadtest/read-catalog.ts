import type { HttpClient } from './http-client.ts'

export type CatalogVariant = { readonly id: string; readonly handle: string; readonly available: number }
export type Catalog = {
  readonly handles: readonly string[]
  readonly searchTerms: readonly string[]
  /** variants with a price and stock, in catalog order */
  readonly sellable: readonly CatalogVariant[]
  /** the few every buyer seems to want: most carts and checkouts go to these (their stock is charted) */
  readonly popular: readonly CatalogVariant[]
  /** the variant of the flash sale: the sellable one with the most stock */
  readonly flash: CatalogVariant | null
}

type ProductJson = { handle: string; title: string; variants: { id: string; price: unknown; available: number }[] }

const STOP = new Set(['with', 'from', 'that', 'this', 'your', 'the', 'and', 'for'])

/** Words of product titles to search for (4+ letters, each once), as shoppers would type them. */
export const searchTermsOf = (titles: readonly string[], max: number): string[] => {
  const seen = new Set<string>()
  for (const t of titles)
    for (const w of t.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (w.length >= 4 && !STOP.has(w)) seen.add(w)
      if (seen.size >= max) return [...seen]
    }
  return [...seen]
}

/**
 * Reads the target's catalog through its store API (GET /store/products, cursor pages of 100, at
 * most maxPages), so shoppers look at and buy real products and variants.
 */
export const readCatalog = async (http: HttpClient, o: { maxPages: number; popular: number }): Promise<Catalog> => {
  const products: ProductJson[] = []
  let cursor: string | null = null
  for (let page = 0; page < o.maxPages; page++) {
    const r = await http.send('GET', `/store/products?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    if (r.status !== 200) throw new Error(`reading the catalog: GET /store/products answered ${r.status} ${r.code}`)
    const body = r.body as { products: ProductJson[]; next_cursor: string | null }
    products.push(...body.products)
    cursor = body.next_cursor
    if (!cursor) break
  }
  if (products.length === 0) throw new Error('the target store has no products (seed it: crest seed)')
  const sellable = products.flatMap((p) =>
    p.variants.filter((v) => v.price && v.available > 0).map((v) => ({ id: v.id, handle: p.handle, available: v.available })),
  )
  if (sellable.length === 0) throw new Error('the target store has no variant with a price and stock')
  const byStock = [...sellable].sort((a, b) => b.available - a.available)
  const flash = byStock[0] ?? null
  const popular = byStock.slice(1, 1 + o.popular)
  return {
    handles: products.map((p) => p.handle),
    searchTerms: searchTermsOf(
      products.map((p) => p.title),
      300,
    ),
    sellable,
    popular: popular.length ? popular : byStock.slice(0, 1),
    flash,
  }
}
