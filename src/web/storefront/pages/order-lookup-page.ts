import { html } from '../html.ts'
import { renderPage } from '../views/render-page.ts'
import type { Shell } from '../views/shell.ts'
import { fieldError, invalidAttrs } from '../views/totals.ts'

export type LookupView = {
  readonly number: string
  readonly email: string
  readonly errors?: { readonly number?: string; readonly email?: string; readonly general?: string }
}

/** Find an order with its number and the e-mail address it was placed with (for shoppers without the order's link). */
export const orderLookupPage = (shell: Shell, v: LookupView): string =>
  renderPage(
    shell,
    {
      title: 'Find your order',
      description: 'Look up an order with its number and e-mail address.',
      path: '/orders/lookup',
      noindex: true,
    },
    html`<section class="order-lookup checkout">
<h1>Find your order</h1>
<p>Enter the order number from your confirmation e-mail and the e-mail address you ordered with.</p>
${v.errors?.general && html`<div class="alert" role="alert"><p>${v.errors.general}</p></div>`}
<form method="post" action="/orders/lookup" novalidate>
<div class="field">
<label for="lk-number">Order number</label>
<input id="lk-number" name="number" inputmode="numeric" autocomplete="off" maxlength="20" required value="${v.number}"${invalidAttrs('lk-number', v.errors?.number)}>
${fieldError('lk-number', v.errors?.number)}
</div>
<div class="field">
<label for="lk-email">E-mail</label>
<input id="lk-email" name="email" type="email" autocomplete="email" maxlength="254" required value="${v.email}"${invalidAttrs('lk-email', v.errors?.email)}>
${fieldError('lk-email', v.errors?.email)}
</div>
<button type="submit">Find my order</button>
</form>
</section>`,
  )
