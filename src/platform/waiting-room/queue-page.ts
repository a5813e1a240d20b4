import { createHash } from 'node:crypto'

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f6f4;color:#222}main{max-width:36rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}h1{font-size:1.5rem;margin-top:0}.place{font-size:3rem;font-weight:700;margin:.2rem 0}a{color:#1a5fb4}'

/** The page allows its one inline style (by hash) and nothing else: no scripts, no external assets. */
export const QUEUE_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`

export const waitText = (seconds: number): string => {
  if (seconds < 60) return 'less than a minute'
  const minutes = Math.round(seconds / 60)
  if (minutes < 90) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`
  const hours = Math.round(minutes / 30) / 2
  return `about ${hours} hours`
}

/**
 * The queue page: the shopper's place and an estimate, refreshing itself with a meta refresh
 * (works without JavaScript). `next` is a same-site path to come back to.
 */
export const queuePage = (p: {
  readonly storeName: string
  readonly position: number
  readonly waitSeconds: number
  readonly refreshSeconds: number
  readonly next: string
}): string => {
  const next = escapeHtml(p.next)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta http-equiv="refresh" content="${p.refreshSeconds};url=${next}">
<title>You are in line · ${escapeHtml(p.storeName)}</title>
<style>${STYLE}</style>
</head><body><main>
<h1>${escapeHtml(p.storeName)} is very busy: you are in line</h1>
<p>Your place in line:</p>
<p class="place" id="place">${p.position}</p>
<p>Estimated wait: <strong id="wait">${waitText(p.waitSeconds)}</strong>. Shoppers are let in in the order they arrived.</p>
<p>Keep this page open: it checks again every ${p.refreshSeconds} seconds and takes you into the store when it is your turn. Refreshing it does not lose your place.</p>
<p><a href="${next}">Check now</a></p>
</main></body></html>`
}
