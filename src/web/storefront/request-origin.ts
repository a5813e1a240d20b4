/** A Host header we are willing to print into pages: a DNS name or IP literal with an optional port. */
const HOST = /^(?:[a-z0-9.-]{1,253}|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i

/**
 * The absolute base for canonical and Open Graph URLs: PUBLIC_URL when configured, else the request's
 * protocol and host (validated, since pages are cached by origin).
 */
export const requestOrigin = (publicUrl: string | undefined, req: { readonly protocol: string; readonly host: string }): string => {
  if (publicUrl) return publicUrl.replace(/\/+$/, '')
  const host = HOST.test(req.host) ? req.host.toLowerCase() : 'localhost'
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`
}
