import { html, type SafeHtml } from '../html.ts'
import { absoluteUrl, jsonScript } from '../json-ld.ts'
import type { Head, Shell } from './shell.ts'

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`)

/** <title>, meta description, canonical link, Open Graph tags and JSON-LD blocks. */
export const seoHead = (shell: Shell, head: Head): SafeHtml => {
  const title = head.fullTitle || (head.title === shell.storeName ? head.title : `${head.title} | ${shell.storeName}`)
  const description = clip(head.description.replace(/\s+/g, ' ').trim(), 160)
  const url = absoluteUrl(shell.origin, head.path)
  return html`<title>${title}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${url}">${head.noindex && html`\n<meta name="robots" content="noindex, follow">`}
<meta property="og:site_name" content="${shell.storeName}">
<meta property="og:title" content="${head.title}">
<meta property="og:description" content="${description}">
<meta property="og:type" content="${head.ogType ?? 'website'}">
<meta property="og:url" content="${url}">${head.image && html`\n<meta property="og:image" content="${absoluteUrl(shell.origin, head.image)}">`}
${(head.jsonLd ?? []).map((ld) => jsonScript('application/ld+json', ld))}`
}
