/** Markup that is already safe: inserted as is by `html`. Build it only with `html` or `raw` on trusted text. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

/** Anything `html` accepts: text is escaped, SafeHtml is inserted as is, lists are joined, nullish and booleans vanish. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[]

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/** Escapes text for element content and quoted attribute values (HTML and XML). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c)

/** Marks trusted markup (never user or catalog text) as safe to insert. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup)

const render = (v: HtmlValue): string => {
  if (v === null || v === undefined || typeof v === 'boolean') return ''
  if (v instanceof SafeHtml) return v.value
  if (Array.isArray(v)) return v.map(render).join('')
  return escapeHtml(String(v))
}

/** Tagged template: every interpolated value is escaped unless it is SafeHtml. Always quote attributes. */
export const html = (strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml => {
  let out = strings[0] ?? ''
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '')
  })
  return new SafeHtml(out)
}

/** A URL fit for href/src: site-relative paths and http(s) URLs only; anything else becomes "#". */
export const safeUrl = (url: string): string => (/^(\/(?!\/)|https?:\/\/)/i.test(url) ? url : '#')
