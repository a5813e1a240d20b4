import { html, type SafeHtml } from '../storefront/html.ts'
import { renderPage } from '../storefront/views/render-page.ts'
import type { Shell } from '../storefront/views/shell.ts'
import { fieldError, invalidAttrs } from '../storefront/views/totals.ts'

export type Errors = Readonly<Record<string, string | undefined>>

/** One labelled input with its error (escaped like every value). */
export const input = (
  f: {
    readonly id: string
    readonly name: string
    readonly label: string
    readonly type?: string
    readonly autocomplete?: string
    readonly max?: number
    readonly value?: string
    readonly required?: boolean
  },
  errors: Errors = {},
): SafeHtml => html`<div class="field">
<label for="${f.id}">${f.label}</label>
<input id="${f.id}" name="${f.name}" type="${f.type ?? 'text'}" autocomplete="${f.autocomplete ?? 'off'}" maxlength="${f.max ?? 200}"${f.required === false ? '' : html` required`} value="${f.value ?? ''}"${invalidAttrs(f.id, errors[f.name])}>
${fieldError(f.id, errors[f.name])}
</div>`

/** The session's CSRF token as a hidden field: every form of a signed-in page carries it. */
export const csrfField = (token: string): SafeHtml => html`<input type="hidden" name="_csrf" value="${token}">`

export const alert = (text: string | undefined, kind: 'alert' | 'notice' = 'alert'): SafeHtml | undefined =>
  text ? html`<div class="${kind}" role="${kind === 'alert' ? 'alert' : 'status'}"><p>${text}</p></div>` : undefined

/** A private account page: never indexed, never cached (sendPrivate sets the headers). */
export const accountPage = (shell: Shell, title: string, path: string, main: SafeHtml): string =>
  renderPage(shell, { title, description: title, path, noindex: true }, html`<section class="account checkout">${main}</section>`)

export const erasedPage = (shell: Shell): string =>
  accountPage(
    shell,
    'Your account is erased',
    '/account',
    html`<h1>Your account is erased</h1>
<p>Your account and addresses are deleted, and your past orders no longer carry your name, e-mail, address or phone. The amounts stay in the shop's accounts.</p>
<p><a href="/">Back to the shop</a></p>`,
  )
