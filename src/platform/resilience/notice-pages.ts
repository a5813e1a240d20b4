const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

const page = (storeName: string, title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(storeName)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f6f4;color:#222}main{max-width:36rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}h1{font-size:1.5rem;margin-top:0}a{color:#1a5fb4}</style>
</head><body><main>${body}</main></body></html>`

/** Shown to shoppers while the store is switched to maintenance (unless MAINTENANCE_PAGE names a file). */
export const maintenancePage = (storeName: string, message: string) =>
  page(
    storeName,
    'Back soon',
    `<h1>${escapeHtml(storeName)} is down for maintenance</h1><p>${escapeHtml(message || 'We are making a few improvements and will be back shortly.')}</p><p>Your cart is kept. Please come back in a few minutes.</p>`,
  )

/** Shown instead of an error when the database cannot take an order: the cart is kept (its cookie untouched). */
export const unavailablePage = (storeName: string, retryAfterSeconds: number) =>
  page(
    storeName,
    'Please try again in a moment',
    `<h1>We cannot take orders for a moment</h1><p>Part of our system is not answering right now, so nothing was ordered and nothing was charged.</p><p><strong>Your cart is kept.</strong> Please try again in about ${retryAfterSeconds} seconds.</p><p><a href="/checkout">Back to checkout</a> · <a href="/">Keep browsing</a></p>`,
  )

/** The banner put at the top of every page served from cache while the database is down. */
export const DEGRADED_NOTICE =
  '<div role="status" class="crest-degraded-notice" style="background:#fff3cd;color:#5c4400;padding:.6rem 1rem;text-align:center;font:15px/1.4 system-ui,sans-serif;border-bottom:1px solid #e6d28a">Some things are slow to update right now: prices and stock shown may be a few minutes old, and orders cannot be placed for a moment. Your cart is kept.</div>'

/** Puts the notice right after the opening body tag (or at the top when there is none). */
export const withNotice = (html: string): string => {
  const m = /<body[^>]*>/i.exec(html)
  if (!m) return DEGRADED_NOTICE + html
  const at = m.index + m[0].length
  return html.slice(0, at) + DEGRADED_NOTICE + html.slice(at)
}
