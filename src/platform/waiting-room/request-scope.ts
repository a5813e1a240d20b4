/**
 * Which requests the waiting room stands in front of:
 *   exempt  never queued: health, metrics, admin, webhooks, API docs,
 *           static assets and what search engines fetch
 *   page    storefront pages (answered with the queue page)
 *   api     the store API (answered 429 `queued` with a queue token); with scope `checkout` only
 *           checkouts, so apps browse the (cacheable) catalog freely and queue to buy
 */
export type Scope = 'exempt' | 'page' | 'api'

const EXEMPT =
  /^\/(healthz|readyz|metrics|openapi\.json|robots\.txt|sitemap\.xml|favicon\.ico)$|^\/(admin|webhooks|docs|assets|media)(\/|$)/
const CHECKOUT = /^\/store\/carts\/[^/]+\/checkout$/

export const scopeOf = (method: string, url: string, apiScope: 'checkout' | 'store'): Scope => {
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  if (method === 'OPTIONS' || EXEMPT.test(path)) return 'exempt'
  if (path === '/store' || path.startsWith('/store/')) {
    if (apiScope === 'store') return 'api'
    return method === 'POST' && CHECKOUT.test(path) ? 'api' : 'exempt'
  }
  return 'page'
}
