// Hash routes (#/orders?status=placed): the server only ever serves /admin itself (decision 0017).

export type Route =
  | { readonly page: 'dashboard' }
  | { readonly page: 'orders'; readonly params: URLSearchParams }
  | { readonly page: 'order'; readonly id: string }
  | { readonly page: 'inventory'; readonly params: URLSearchParams }
  | { readonly page: 'returns'; readonly params: URLSearchParams }
  | { readonly page: 'customers'; readonly params: URLSearchParams }
  | { readonly page: 'customer'; readonly id: string }
  | { readonly page: 'staff' }
  | { readonly page: 'api-keys' }
  | { readonly page: 'products'; readonly params: URLSearchParams }
  | { readonly page: 'product'; readonly id: string }
  | { readonly page: 'promotions'; readonly params: URLSearchParams }
  | { readonly page: 'promotion'; readonly id: string }
  | { readonly page: 'records'; readonly section: string; readonly id?: string; readonly params: URLSearchParams }

const RECORDS = new Set(['audit-log', 'dead-letters', 'webhooks'])

export const currentRoute = (): Route => {
  const raw = location.hash.replace(/^#/, '') || '/'
  const [path = '/', search = ''] = raw.split('?')
  const params = new URLSearchParams(search)
  const parts = path.split('/').filter(Boolean)
  if (parts[0] === 'orders' && parts[1]) return { page: 'order', id: decodeURIComponent(parts[1]) }
  if (parts[0] === 'orders') return { page: 'orders', params }
  if (parts[0] === 'inventory') return { page: 'inventory', params }
  if (parts[0] === 'returns') return { page: 'returns', params }
  if (parts[0] === 'customers' && parts[1]) return { page: 'customer', id: decodeURIComponent(parts[1]) }
  if (parts[0] === 'customers') return { page: 'customers', params }
  if (parts[0] === 'staff') return { page: 'staff' }
  if (parts[0] === 'api-keys') return { page: 'api-keys' }
  if (parts[0] === 'products' && parts[1]) return { page: 'product', id: decodeURIComponent(parts[1]) }
  if (parts[0] === 'products') return { page: 'products', params }
  if (parts[0] === 'promotions' && parts[1]) return { page: 'promotion', id: decodeURIComponent(parts[1]) }
  if (parts[0] === 'promotions') return { page: 'promotions', params }
  if (parts[0] === 'webhooks' && parts[1] && parts[2] === 'deliveries') return { page: 'records', section: 'deliveries', id: decodeURIComponent(parts[1]), params }
  if (parts[0] && RECORDS.has(parts[0])) return { page: 'records', section: parts[0], params }
  return { page: 'dashboard' }
}

/** Navigates to a route with query parameters (empty values dropped). */
export const go = (path: string, params: Record<string, string | undefined> = {}): void => {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v)
  const s = p.toString()
  location.hash = `#${path}${s ? `?${s}` : ''}`
}
