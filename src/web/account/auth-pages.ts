import { MAX_PASSWORD, MIN_PASSWORD } from '../../modules/customers/index.ts'
import { html } from '../storefront/html.ts'
import type { Shell } from '../storefront/views/shell.ts'
import { accountPage, alert, type Errors, input } from './form-views.ts'

type View = { readonly email?: string; readonly name?: string; readonly errors?: Errors; readonly notice?: string }

const password = (id: string, label: string, autocomplete: string, errors: Errors = {}) =>
  input({ id, name: 'password', label, type: 'password', autocomplete, max: MAX_PASSWORD }, errors)

export const signInPage = (shell: Shell, v: View): string =>
  accountPage(
    shell,
    'Sign in',
    '/account/sign-in',
    html`<h1>Sign in</h1>
${alert(v.notice, 'notice')}${alert(v.errors?.general)}
<form method="post" action="/account/sign-in" novalidate>
${input({ id: 'si-email', name: 'email', label: 'E-mail', type: 'email', autocomplete: 'email', max: 254, value: v.email ?? '' }, v.errors)}
${password('si-password', 'Password', 'current-password', v.errors)}
<button type="submit">Sign in</button>
</form>
<p><a href="/account/forgot-password">Forgot your password?</a> · <a href="/account/sign-up">Create an account</a></p>`,
  )

export const signUpPage = (shell: Shell, v: View): string =>
  accountPage(
    shell,
    'Create an account',
    '/account/sign-up',
    html`<h1>Create an account</h1>
${alert(v.errors?.general)}
<form method="post" action="/account/sign-up" novalidate>
${input({ id: 'su-name', name: 'name', label: 'Name (optional)', autocomplete: 'name', value: v.name ?? '', required: false }, v.errors)}
${input({ id: 'su-email', name: 'email', label: 'E-mail', type: 'email', autocomplete: 'email', max: 254, value: v.email ?? '' }, v.errors)}
${password('su-password', `Password (at least ${MIN_PASSWORD} characters)`, 'new-password', v.errors)}
<button type="submit">Create account</button>
</form>
<p>Already have an account? <a href="/account/sign-in">Sign in</a></p>`,
  )

export const forgotPasswordPage = (shell: Shell, v: View): string =>
  accountPage(
    shell,
    'Reset your password',
    '/account/forgot-password',
    html`<h1>Reset your password</h1>
${alert(v.notice, 'notice')}${alert(v.errors?.general)}
<p>Enter the e-mail address of your account; we send a link to choose a new password.</p>
<form method="post" action="/account/forgot-password" novalidate>
${input({ id: 'fp-email', name: 'email', label: 'E-mail', type: 'email', autocomplete: 'email', max: 254, value: v.email ?? '' }, v.errors)}
<button type="submit">Send the link</button>
</form>`,
  )

/** The token travels in a hidden field; the page sends Referrer-Policy same-origin so it does not leak. */
export const resetPasswordPage = (shell: Shell, v: { readonly token: string; readonly errors?: Errors }): string =>
  accountPage(
    shell,
    'Choose a new password',
    '/account/reset-password',
    html`<h1>Choose a new password</h1>
${alert(v.errors?.general)}
<form method="post" action="/account/reset-password" novalidate>
<input type="hidden" name="token" value="${v.token}">
${password('rp-password', `New password (at least ${MIN_PASSWORD} characters)`, 'new-password', v.errors)}
<button type="submit">Save the new password</button>
</form>`,
  )

/** Opening the link only shows a button: mail scanners that follow links do not use the token. */
export const verifyEmailPage = (shell: Shell, v: { readonly token: string; readonly errors?: Errors }): string =>
  accountPage(
    shell,
    'Confirm your e-mail address',
    '/account/verify-email',
    html`<h1>Confirm your e-mail address</h1>
${alert(v.errors?.general)}
<form method="post" action="/account/verify-email">
<input type="hidden" name="token" value="${v.token}">
<button type="submit">Confirm my e-mail address</button>
</form>`,
  )
