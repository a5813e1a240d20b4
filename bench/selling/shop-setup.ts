import { errorCode, type JsonClient } from './json-client.ts'

export const ADDRESS = { name: 'Bench Buyer', line1: 'Storgata 1', city: 'Oslo', postal_code: '0155', country: 'NO' }

const must = <T>(what: string, r: { status: number; body: unknown }, ok = 200): T => {
  if (r.status !== ok) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
  return r.body as T
}

/** A staff bearer token (the staff user is created beforehand with `crest user create`). */
export const staffToken = async (api: JsonClient, email: string, password: string): Promise<string> =>
  must<{ token: string }>('POST /admin/auth/token', await api.post('/admin/auth/token', { email, password })).token

/** First variant of each sampled product that has a price in the store currency. */
export const sampleVariants = async (api: JsonClient, handles: readonly string[], count: number): Promise<string[]> => {
  const ids: string[] = []
  for (const h of handles) {
    if (ids.length >= count) break
    const r = await api.get(`/store/products/${encodeURIComponent(h)}`)
    const p = must<{ product: { variants: { id: string; price: unknown }[] } }>(`GET /store/products/${h}`, r).product
    const v = p.variants.find((x) => x.price)
    if (v) ids.push(v.id)
  }
  if (ids.length === 0) throw new Error('no sellable variants in the sample')
  return ids
}

/** Sets on-hand units at the default location through the admin API. */
export const setStock = async (api: JsonClient, auth: Record<string, string>, variantId: string, onHand: number) => {
  must(`PUT /admin/inventory/${variantId}`, await api.put(`/admin/inventory/${variantId}`, { on_hand: onHand }, auth))
}

/** The shipping option a cart to Norway can use (the same for every cart of the demo store). */
export const shippingOptionFor = async (api: JsonClient, variantId: string): Promise<string> => {
  const cart = must<{ cart: { id: string } }>('POST /store/carts', await api.post('/store/carts', {}), 201).cart
  must('POST items', await api.post(`/store/carts/${cart.id}/items`, { variant_id: variantId, quantity: 1 }))
  const o = must<{ shipping_options: { id: string }[] }>(
    'GET shipping-options',
    await api.get(`/store/carts/${cart.id}/shipping-options?country=NO`),
  )
  const id = o.shipping_options[0]?.id
  if (!id) throw new Error('no shipping option for NO')
  return id
}

/** Creates a cart holding one unit of the variant: two requests, as a shopper's "add to cart" makes them. */
export const fillCart = async (api: JsonClient, variantId: string): Promise<{ cartId?: string; code?: string; ms: number[] }> => {
  const c = await api.post('/store/carts', {})
  if (c.status !== 201) return { code: errorCode(c), ms: [c.ms] }
  const cartId = (c.body as { cart: { id: string } }).cart.id
  const a = await api.post(`/store/carts/${cartId}/items`, { variant_id: variantId, quantity: 1 })
  if (a.status !== 200) return { code: errorCode(a), ms: [c.ms, a.ms] }
  return { cartId, ms: [c.ms, a.ms] }
}

export const checkoutBody = (shippingOptionId: string, n: number) => ({
  email: `buyer${n}@bench.example`,
  shipping_address: ADDRESS,
  shipping_option_id: shippingOptionId,
  payment: { provider: 'sandbox', token: 'tok_ok' },
})
