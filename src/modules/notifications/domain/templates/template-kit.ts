import { formatMoney, money } from '../../../../platform/money/money.ts'
import { html, type SafeHtml } from '../escape-html.ts'
import type { EmailLine, PostalAddress } from './template-data.ts'

/** Who sends: from configuration. `baseUrl` without a trailing slash. */
export type Brand = { readonly storeName: string; readonly baseUrl: string; readonly locale: string }

export type RenderedEmail = { readonly subject: string; readonly text: string; readonly html: string }

/** A piece of an e-mail in both forms: the HTML part and the plain-text part say the same. */
export type Block = { readonly html: SafeHtml; readonly text: string }

const FONT = 'font-family:Arial,Helvetica,sans-serif;'
const P = `margin:0 0 16px;${FONT}font-size:15px;line-height:1.5;color:#18181b;`
const CELL = `padding:6px 0;${FONT}font-size:14px;color:#18181b;`
const LABEL = `padding:6px 16px 6px 0;${FONT}font-size:14px;color:#71717a;`

export const formatAmount = (amount: number, currency: string, brand: Brand): string => formatMoney(money(amount, currency), brand.locale)

/** The store's page at `path` (which starts with "/"), or its home page. */
export const storeUrl = (brand: Brand, path = '/'): string => brand.baseUrl.replace(/\/+$/, '') + path

/** Header-safe: one line, no control characters. */
export const oneLine = (s: string): string =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

export const greeting = (name: string | undefined): Block => {
  const words = name ? `Hi ${oneLine(name)},` : 'Hello,'
  return { html: html`<p style="${P}">${words}</p>`, text: words }
}

export const paragraph = (words: string): Block => ({ html: html`<p style="${P}">${words}</p>`, text: words })

/** A call to action: a button in HTML, "label: url" in text. */
export const button = (label: string, href: string): Block => ({
  html: html`<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;padding:12px 20px;background:#18181b;color:#ffffff;${FONT}font-size:15px;font-weight:bold;text-decoration:none;border-radius:4px;">${label}</a></p>`,
  text: `${label}: ${href}`,
})

/** Label/value rows; a null value leaves its row out. */
export const facts = (rows: readonly (readonly [string, string | null])[]): Block => {
  const shown = rows.filter((r): r is readonly [string, string] => r[1] !== null)
  return {
    html: html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse;">${shown.map(
      ([k, v]) => html`<tr><td style="${LABEL}">${k}</td><td style="${CELL}">${v}</td></tr>`,
    )}</table>`,
    text: shown.map(([k, v]) => `${k}: ${v}`).join('\n'),
  }
}

export const lineTitle = (l: EmailLine): string => `${l.quantity} × ${l.title}`

export const lineList = (items: readonly EmailLine[]): Block => ({
  html: html`<ul style="margin:0 0 16px;padding-left:20px;${FONT}font-size:14px;color:#18181b;">${items.map((l) => html`<li>${lineTitle(l)}</li>`)}</ul>`,
  text: items.map((l) => `- ${lineTitle(l)}`).join('\n'),
})

type Row = readonly [label: string, amount: string]

/** Order lines (label, formatted amount), a rule, then the totals rows; the last total is bold. */
export const pricedLines = (lines: readonly Row[], totals: readonly Row[]): Block => {
  const row = (label: string, value: string, strong = false) =>
    html`<tr><td style="${CELL}${strong ? 'font-weight:bold;' : ''}">${label}</td><td align="right" style="${CELL}${strong ? 'font-weight:bold;' : ''}white-space:nowrap;">${value}</td></tr>`
  const last = totals.length - 1
  return {
    html: html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse;">${lines.map(([k, v]) => row(k, v))}<tr><td colspan="2" style="border-top:1px solid #e4e4e7;font-size:0;line-height:0;">&nbsp;</td></tr>${totals.map(
      ([k, v], i) => row(k, v, i === last),
    )}</table>`,
    text: [...lines.map(([k, v]) => `${k}  ${v}`), '', ...totals.map(([k, v]) => `${k}: ${v}`)].join('\n'),
  }
}

export const addressBlock = (heading: string, a: PostalAddress): Block => {
  const lines = [a.name, a.line1, a.line2, [a.postalCode, a.city].join(' '), a.region, a.country].filter((x): x is string => !!x)
  return {
    html: html`<p style="${P}"><strong>${heading}</strong><br>${lines.map((l, i) => (i === 0 ? l : html`<br>${l}`))}</p>`,
    text: [heading, ...lines].join('\n'),
  }
}

/**
 * The whole message: a plain, table-based layout with inline styles (what mail clients render
 * reliably), and the same content as text. `subject` is made header-safe here.
 */
export const composeEmail = (brand: Brand, subject: string, blocks: readonly Block[], about = 'an order you placed'): RenderedEmail => {
  const safeSubject = oneLine(subject)
  const home = storeUrl(brand)
  const footer = `You receive this e-mail about ${about} at ${brand.storeName}.`
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${safeSubject}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #e4e4e7;border-radius:6px;">
<tr><td style="padding:20px 24px;border-bottom:1px solid #e4e4e7;${FONT}font-size:18px;font-weight:bold;"><a href="${home}" style="color:#18181b;text-decoration:none;">${brand.storeName}</a></td></tr>
<tr><td style="padding:24px;">${blocks.map((b) => b.html)}</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e4e4e7;${FONT}font-size:12px;line-height:1.5;color:#71717a;">${footer} <a href="${home}" style="color:#71717a;">${home}</a></td></tr>
</table></td></tr></table>
</body></html>
`
  const text = [brand.storeName, '', ...blocks.map((b) => `${b.text}\n`), '--', `${footer}\n${home}`, ''].join('\n')
  return { subject: safeSubject, text, html: page.__html }
}
