import type { CatalogApi } from '../../modules/catalog/index.ts'
import type { Order } from '../../modules/orders/index.ts'

export type ExchangeChoice = { readonly id: string; readonly title: string }

/**
 * For each order item: the other variants of its product on sale now at the price paid and in
 * stock (the return policy exchanges same-price variants only), for the order page's return form.
 */
export const exchangeChoices = async (catalog: CatalogApi, o: Order): Promise<ReadonlyMap<string, ExchangeChoice[]>> => {
  const snapshots = await catalog.getVariants([...new Set(o.items.map((i) => i.variant_id))], o.currency)
  const out = new Map<string, ExchangeChoice[]>()
  const products = new Map<string, Awaited<ReturnType<CatalogApi['getProduct']>>>()
  for (const item of o.items) {
    const productId = snapshots.get(item.variant_id)?.product_id
    if (!productId) continue
    if (!products.has(productId)) products.set(productId, await catalog.getProduct({ id: productId, currency: o.currency }))
    const p = products.get(productId)
    if (!p?.ok) continue
    const choices = p.value.variants.filter(
      (v) => v.id !== item.variant_id && v.available > 0 && v.price?.amount === item.unit_price.amount && v.price.currency === o.currency,
    )
    if (choices.length)
      out.set(
        item.id,
        choices.map((v) => ({ id: v.id, title: v.title })),
      )
  }
  return out
}
