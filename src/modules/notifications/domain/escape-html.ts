/** Markup that is already safe to put in a document (built by `html`, never from raw input). */
export type SafeHtml = { readonly __html: string }

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML element content and quoted attribute values alike. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)

export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[]

const isSafe = (v: unknown): v is SafeHtml => typeof v === 'object' && v !== null && '__html' in v

const render = (v: HtmlValue): string => {
  if (v === null || v === undefined || v === false) return ''
  if (Array.isArray(v)) return v.map(render).join('')
  if (isSafe(v)) return v.__html
  return escapeHtml(String(v))
}

/**
 * A tagged template that escapes every interpolated value unless it is itself `SafeHtml`
 * (the result of another `html` template), so data can never add markup: a shopper named
 * `<script>` is printed, not run. Arrays are joined; null, undefined and false print nothing.
 */
export const html = (strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml => {
  let out = strings[0] ?? ''
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '')
  })
  return { __html: out }
}
