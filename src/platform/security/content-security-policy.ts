import { createHash } from 'node:crypto'
import { maintenancePage, unavailablePage } from '../resilience/notice-pages.ts'

export type CspDirectives = Readonly<Record<string, readonly string[]>>

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/** The inline <style> elements of pages the platform renders from fixed templates (never from input). */
const INLINE_ELEMENT = /<(style|script)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g

export const inlineHashes = (page: string, element: 'style' | 'script'): string[] => {
  const out: string[] = []
  for (const m of page.matchAll(INLINE_ELEMENT)) {
    if (m[1] !== element) continue
    // data blocks (JSON, JSON-LD) are never executed and need no allowance
    if (element === 'script' && (/type="application\/(ld\+)?json"/.test(m[0]) || /\ssrc=/.test(m[0]))) continue
    out.push(sha256(m[2] ?? ''))
  }
  return out
}

const noticeStyleHashes = (): string[] => [
  ...new Set([...inlineHashes(maintenancePage('', ''), 'style'), ...inlineHashes(unavailablePage('', 1), 'style')]),
]

/**
 * The storefront's and admin's policy: everything from this origin only, no inline script at all,
 * inline style only for the fixed notice pages (by hash), no plugins, no framing, forms post home.
 */
export const strictDirectives = (): CspDirectives => ({
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", ...noticeStyleHashes()],
})

/**
 * The API reference (/docs, a third-party single-page app): its one inline bootstrap script is
 * allowed by the hash of the script this server rendered from configuration; it styles itself at run
 * time, so style-src also allows inline styles there (and only there).
 */
export const docsDirectives = (page: string): CspDirectives => ({
  ...strictDirectives(),
  'script-src': ["'self'", ...inlineHashes(page, 'script')],
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'", 'data:'],
})

export const serializeCsp = (d: CspDirectives): string =>
  Object.entries(d)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ')
