import type { Customer, CustomerAddress } from '../../modules/customers/index.ts'
import type { Order } from '../../modules/orders/index.ts'
import { html } from '../storefront/html.ts'
import { decimalAmount } from '../storefront/money-text.ts'
import type { Shell } from '../storefront/views/shell.ts'
import { accountPage, alert, csrfField, type Errors, input } from './form-views.ts'

export type AccountView = {
  readonly customer: Customer
  readonly csrf: string
  readonly orders: readonly Order[]
  readonly addresses: readonly CustomerAddress[]
  readonly notice?: string
  readonly errors?: Errors
}

const addressLine = (a: CustomerAddress) =>
  [a.name, a.line1, a.line2, `${a.postal_code} ${a.city}`, a.region, a.country, a.phone].filter((x): x is string => !!x).join(', ')

const ordersList = (orders: readonly Order[]) =>
  orders.length === 0
    ? html`<p>No orders yet.</p>`
    : html`<ul class="account-orders">${orders.map(
        (o) =>
          html`<li><a href="/orders/${o.id}">Order ${o.number}</a> · ${o.created_at.slice(0, 10)} · ${o.status} · ${decimalAmount(o.total)} ${o.currency}</li>`,
      )}</ul>`

/** The signed-in customer's page: orders, addresses, e-mail verification, data export, erasure, sign out. */
export const accountHomePage = (shell: Shell, v: AccountView): string => {
  const e = v.errors ?? {}
  return accountPage(
    shell,
    'Your account',
    '/account',
    html`<h1>Your account</h1>
${alert(v.notice, 'notice')}${alert(e.general)}
<p>Signed in as <strong>${v.customer.email}</strong>${v.customer.name && html` (${v.customer.name})`}.</p>
${!v.customer.email_verified && html`<form method="post" action="/account/verification">${csrfField(v.csrf)}<p>Your e-mail address is not confirmed yet. <button type="submit">Send the link again</button></p></form>`}
<h2>Orders</h2>
${ordersList(v.orders)}
<h2>Addresses</h2>
<ul class="account-addresses">${v.addresses.map(
      (a) =>
        html`<li>${addressLine(a)} <form method="post" action="/account/addresses/${a.id}/delete">${csrfField(v.csrf)}<button type="submit">Delete</button></form></li>`,
    )}</ul>
<form method="post" action="/account/addresses" novalidate>
${csrfField(v.csrf)}
${input({ id: 'ad-name', name: 'name', label: 'Name', autocomplete: 'name' }, e)}
${input({ id: 'ad-line1', name: 'line1', label: 'Address', autocomplete: 'address-line1' }, e)}
${input({ id: 'ad-line2', name: 'line2', label: 'Address line 2 (optional)', autocomplete: 'address-line2', required: false }, e)}
${input({ id: 'ad-postal', name: 'postal_code', label: 'Postal code', autocomplete: 'postal-code', max: 20 }, e)}
${input({ id: 'ad-city', name: 'city', label: 'City', autocomplete: 'address-level2', max: 100 }, e)}
${input({ id: 'ad-country', name: 'country', label: 'Country (two letters, e.g. NO)', autocomplete: 'country', max: 2 }, e)}
${input({ id: 'ad-phone', name: 'phone', label: 'Phone (optional)', type: 'tel', autocomplete: 'tel', max: 40, required: false }, e)}
<button type="submit">Add address</button>
</form>
<h2>Your data</h2>
<form method="post" action="/account/data-export">${csrfField(v.csrf)}<button type="submit">Download my data (JSON)</button></form>
<form method="post" action="/account/erase" novalidate>
${csrfField(v.csrf)}
<p>Erasing your account deletes it with your addresses, and removes your name, e-mail, address and phone from your past orders (the amounts stay for the accounts). This cannot be undone.</p>
${input({ id: 'er-password', name: 'password', label: 'Your password, to confirm', type: 'password', autocomplete: 'current-password', max: 256 }, e)}
<button type="submit">Erase my account</button>
</form>
<h2>Sign out</h2>
<form method="post" action="/account/sign-out">${csrfField(v.csrf)}<button type="submit">Sign out</button></form>`,
  )
}
