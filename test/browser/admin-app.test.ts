// The admin app in a real browser against the real app (sandbox payment gateway and carrier processes):
// an owner signs in with MFA (enrolment, then the TOTP step), finds an order, refunds a unit (one refund in
// the gateway's ledger), changes stock and sees the storefront product page reflect it. A screenshot of each
// admin page goes to test-artifacts/admin/. The page must run under the strict CSP: any violation fails.
import { expect, test } from 'vitest'
import { DEMO_LOCATIONS } from '../../src/cli/seed.ts'
import { totpCode } from '../../src/modules/staff/index.ts'
import { paymentLedger, startShop, stockAt, variants, waitFor, waitForOrder } from '../processing/processing-fixture.ts'
import { deliveredOrder } from '../returns/returns-fixture.ts'
import { adminBrowserSuite, adminShot, newAdminPage, PASSWORD, signInAsNewOwner } from '../support/admin-browser.ts'

const suite = adminBrowserSuite(() => startShop('pglite', { STAFF_MFA: 'required' }))

test('the admin page and its files are served without a token; the API under /admin still wants one', async () => {
  const s = suite.app
  const html = await fetch(`${s.t.url}/admin`)
  expect(html.status).toBe(200)
  expect(html.headers.get('content-type')).toContain('text/html')
  expect(html.headers.get('content-security-policy')).toContain("script-src 'self'")
  const body = await html.text()
  const script = /src="(\/admin\/app\/[^"]+\.js)"/.exec(body)?.[1]
  expect(script).toBeTruthy()
  expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/) // no inline script
  expect(body).not.toMatch(/<style|style="/) // no inline style
  const js = await fetch(`${s.t.url}${script}`)
  expect(js.status).toBe(200)
  expect(js.headers.get('content-type')).toContain('javascript')
  expect(js.headers.get('cache-control')).toContain('immutable')
  expect((await fetch(`${s.t.url}/admin/`)).status).toBe(200)
  expect((await fetch(`${s.t.url}/admin/app/../../package.json`)).status).toBe(404)
  expect((await fetch(`${s.t.url}/admin/app/nope.js`)).status).toBe(404)
  expect((await fetch(`${s.t.url}/admin/orders`)).status).toBe(401)
})

test('an owner signs in with MFA, refunds an order, changes stock and the storefront shows it', { timeout: 180_000 }, async () => {
  const s = suite.app
  const [a, b] = (await variants(s.t, 2)) as [string, string]
  await stockAt(s.t, a, 'warehouse', 20)
  await stockAt(s.t, b, 'warehouse', 20)
  // the fixture's own staff token is an owner's, limited to MFA enrolment here: the fixture reads parcels as fulfilment staff
  const helper = `fulfilment-${Date.now()}@example.test`
  if (!(await s.t.modules.staff.createUser({ email: helper, password: PASSWORD, role: 'fulfilment' })).ok) throw new Error('no user')
  const issued = await s.t.modules.staff.issueToken({ email: helper, password: PASSWORD })
  if (!issued.ok) throw new Error(issued.error.message)
  const order = await deliveredOrder({ ...s, staff: issued.value.token }, [
    { variantId: a, quantity: 2 },
    { variantId: b, quantity: 1 },
  ])
  const { context, page, problems } = await newAdminPage(suite.browser)

  // 1. sign-in; the owner has no authenticator yet: enrol, activate, recovery codes
  const { email, secret } = await signInAsNewOwner(page, s.t, { shots: { signIn: '01-sign-in', enrol: '02-mfa-enrol' } })
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)

  // 2. sign out, sign in again: the API asks for the code (the next step's: each step counts once)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByLabel(/Authentication code/).fill('000000' === totpCode(secret, new Date(Date.now() + 30_000)) ? '111111' : '000000')
  await page.getByRole('button', { name: 'Verify' }).click()
  await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor()
  await adminShot(page, '03-mfa-code')
  await page.getByLabel(/Authentication code/).fill(totpCode(secret, new Date(Date.now() + 30_000)))
  await page.getByRole('button', { name: 'Verify' }).click()
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
  // the dashboard's figures come from GET /admin/reports/summary: this shop has sold exactly this order today
  await page.getByTestId('orders-today').filter({ hasText: /^1$/ }).waitFor()
  const total = new Intl.NumberFormat('en', { style: 'currency', currency: order.total.currency }).format(order.total.amount / 100)
  await expect(page.getByTestId('revenue-today').textContent()).resolves.toBe(total)
  await page.locator('[data-testid="orders-chart"] canvas').waitFor()
  await adminShot(page, '04-dashboard')

  // 3. find the order by the customer's e-mail, open it
  await page.getByRole('link', { name: 'Orders' }).click()
  await page.getByRole('heading', { name: 'Orders' }).waitFor()
  await page.locator('table.orders tbody tr').first().waitFor()
  await adminShot(page, '05-orders')
  await page.getByLabel('E-mail').fill(order.email)
  await page.getByLabel('Payment').selectOption('captured')
  await page.getByRole('button', { name: 'Filter' }).click()
  const row = page.locator('table.orders tbody tr', { hasText: `#${order.number}` })
  await row.waitFor()
  await row.getByRole('link').click()
  await page.getByRole('heading', { name: new RegExp(`Order #${order.number}`) }).waitFor()
  await expect(page.getByTestId('payment-status').textContent()).resolves.toBe('captured')

  // 4. refund one unit of the first line
  const itemA = order.items.find((i) => i.variant_id === a)
  if (!itemA) throw new Error('no item')
  await page.locator(`input[name="refund_${itemA.id}"]`).fill('1')
  await page.getByRole('button', { name: 'Refund selected units' }).click()
  await page.getByRole('status').filter({ hasText: 'Refund: done.' }).waitFor({ timeout: 30_000 })
  await expect(page.getByTestId('payment-status').textContent()).resolves.toBe('partially refunded')
  await adminShot(page, '06-order-detail')
  const refunds = await paymentLedger(s, order.id, 'refund')
  expect(refunds).toHaveLength(1)
  await waitForOrder(s, order.id, 'partially refunded', (o) => o.payment_status === 'partially_refunded')

  // 5. returns queue shows the completed return
  await page.goto(`${s.t.url}/admin#/returns?status=all&order_id=${order.id}`)
  await page.locator('tbody tr', { hasText: `#${order.number}` }).waitFor()
  await adminShot(page, '07-returns')

  // 6. stock: the product of variant b, set its warehouse stock to 3; the storefront says "Only 3 left"
  const snap = (await s.t.modules.catalog.getVariants([b], 'EUR')).get(b)
  const product = await s.t.modules.catalog.getProduct({ id: snap?.product_id ?? '', currency: 'EUR', includeDrafts: true })
  if (!product.ok) throw new Error('no product')
  const before = await (await fetch(`${s.t.url}/p/${product.value.handle}`)).text()
  expect(before).not.toContain('Only 3 left')
  await page.getByRole('link', { name: 'Inventory' }).click()
  await page.getByRole('searchbox').fill(product.value.title)
  await page.getByRole('button', { name: 'Search' }).click()
  const warehouse = DEMO_LOCATIONS.warehouse.id
  const variantRow = page.locator(`tr[data-variant="${b}"]`)
  await variantRow.getByTestId(`level-${warehouse}`).filter({ hasText: '19 on hand' }).waitFor()
  await variantRow.locator(`input[name="on_hand_${warehouse}"]`).fill('3')
  await variantRow.locator('td.stock-cell').first().getByRole('button', { name: 'Set' }).click()
  await variantRow.getByTestId(`level-${warehouse}`).filter({ hasText: '3 on hand' }).waitFor()
  await adminShot(page, '08-inventory')
  // and its price: the storefront shows the new one on its next request
  await variantRow.getByLabel(`Price of ${snap?.sku} in EUR`).fill('41.50')
  await variantRow.getByRole('button', { name: 'Save prices' }).click()
  await variantRow.getByTestId(`price-${b}`).filter({ hasText: '€41.50' }).waitFor()
  const storefront = await context.newPage()
  await storefront.goto(`${s.t.url}/p/${product.value.handle}`)
  await storefront.getByText('Only 3 left').first().waitFor()
  await storefront.getByText('41.50').first().waitFor()
  await waitFor(
    'stock 3',
    async () => await s.t.modules.inventory.getStock(b),
    (r) => r.ok && r.value.levels.some((l) => l.location_id === warehouse && l.on_hand === 3),
  )

  // the dashboard now lists the variant among the low-stock alerts (3 ≤ 5)
  await page.getByRole('link', { name: 'Dashboard' }).click()
  await page.getByTestId('low-stock').getByText(`${snap?.product_title} — ${snap?.title}: 3 left`).waitFor({ timeout: 15_000 })
  await adminShot(page, '10-dashboard-low-stock')

  // the other admin collections render from their endpoints; the audit log holds the refund's steps (filtered on the server)
  for (const [hash, heading] of [
    ['promotions', 'Promotions'],
    ['api-keys', 'API keys'],
    ['audit-log', 'Audit log'],
    ['dead-letters', 'Dead letters'],
    ['webhooks', 'Webhooks'],
  ] as const) {
    await page.goto(`${s.t.url}/admin#/${hash}`)
    await page.getByRole('heading', { name: heading, exact: true }).waitFor()
    await page.getByTestId(`records-${hash}`).locator('tbody tr').first().waitFor()
    await expect(page.locator('main p.error').count()).resolves.toBe(0)
    await adminShot(page, `11-${hash}`)
  }
  await page.goto(`${s.t.url}/admin#/audit-log?action=${encodeURIComponent('POST /admin/returns')}`)
  await page.getByTestId('records-audit-log').locator('tbody tr', { hasText: 'POST /admin/returns/:id/receive' }).first().waitFor()
  await expect(page.getByTestId('records-audit-log').locator('tbody tr', { hasText: 'auth/token' }).count()).resolves.toBe(0)

  // 7. tablet: the menu folds away and opens on demand
  await page.setViewportSize({ width: 768, height: 1024 })
  await page.goto(`${s.t.url}/admin#/orders`)
  await page.locator('table.orders tbody tr').first().waitFor()
  await expect(page.locator('nav.side').isVisible()).resolves.toBe(false)
  await adminShot(page, '09-tablet-orders')
  await page.getByRole('button', { name: 'Menu' }).click()
  await expect(page.locator('nav.side').isVisible()).resolves.toBe(true)
  await adminShot(page, '09-tablet-menu')

  expect(problems).toEqual([])
  await context.close()
})
