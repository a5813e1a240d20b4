// The admin app's people screens in a real browser against the real app: an owner signs in with MFA
// (enrolment, as test/browser/admin-app.test.ts does), searches the customers, opens one (addresses,
// orders linking to the order page, a data export download), manages staff users (add, change role,
// deactivate) next to the permission matrix, and creates an API key whose secret shows once, works,
// and stops working when revoked. Screenshots go to test-artifacts/admin/ (people-*.png); tablet width too.
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { newOrder } from '../customers/customers-app.ts'
import { adminBrowserSuite, adminShot, newAdminPage, PASSWORD, signInAsNewOwner } from '../support/admin-browser.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'

const suite = adminBrowserSuite(() => startTestApp({ engine: 'pglite', env: { STAFF_MFA: 'required' } }))

const customer = async (t: TestApp, email: string, name: string, orders: number) => {
  const r = await t.modules.customers.signUp({ email, password: PASSWORD, name })
  if (!r.ok) throw new Error(r.error.message)
  const id = r.value.customer.id
  const placed = []
  for (let i = 0; i < orders; i++)
    placed.push((await t.engines.db.orm.transaction((tx) => t.modules.orders.createOrder(tx, newOrder({ customerId: id, email })))).order)
  return { id, orders: placed }
}

test('an owner works the customers, staff and API key screens', { timeout: 180_000 }, async () => {
  const t = suite.app
  const ada = await customer(t, 'ada@example.test', 'Ada Lovelace', 2)
  await customer(t, 'grace@example.test', 'Grace Hopper', 0)
  if (
    !(
      await t.modules.customers.addAddress(ada.id, {
        name: 'Ada',
        line1: 'St James Sq 12',
        city: 'London',
        postal_code: 'SW1',
        country: 'GB',
      })
    ).ok
  )
    throw new Error('no address')
  const { context, page, problems } = await newAdminPage(suite.browser, { acceptDownloads: true })

  // sign in: the owner enrols an authenticator first (STAFF_MFA=required)
  const { email } = await signInAsNewOwner(page, t, { name: 'Olive Owner' })

  // customers: newest first with order counts; search on the server; the detail; the export; an order
  await page.getByRole('link', { name: 'Customers' }).click()
  await page.getByRole('heading', { name: 'Customers' }).waitFor()
  const rows = page.getByTestId('customers').locator('tbody tr')
  await rows.filter({ hasText: 'grace@example.test' }).waitFor()
  await expect(rows.first().textContent()).resolves.toContain('grace@example.test')
  await expect(rows.filter({ hasText: 'ada@example.test' }).locator('td.num').textContent()).resolves.toBe('2')
  await adminShot(page, 'people-01-customers')
  await page.getByLabel('E-mail or name').fill('lovelace')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.waitForURL(/#\/customers\?q=lovelace/)
  await rows.filter({ hasText: 'grace@example.test' }).waitFor({ state: 'detached' })
  await expect(rows.count()).resolves.toBe(1)
  await rows.getByRole('link', { name: 'ada@example.test' }).click()
  await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor()
  await page.getByText('St James Sq 12').waitFor()
  const orderRows = page.getByTestId('customer-orders').locator('tbody tr')
  await orderRows.filter({ hasText: `#${ada.orders[0]?.number}` }).waitFor()
  await expect(orderRows.count()).resolves.toBe(2)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download data export' }).click()])
  expect(download.suggestedFilename()).toBe(`customer-${ada.id}.json`)
  const exported = JSON.parse(readFileSync((await download.path()) as string, 'utf8'))
  expect(exported.customer.email).toBe('ada@example.test')
  expect(exported.orders).toHaveLength(2)
  await page.getByText('Data export downloaded').waitFor()
  await adminShot(page, 'people-02-customer-detail')
  await orderRows.getByRole('link', { name: `#${ada.orders[0]?.number}` }).click()
  await page.getByRole('heading', { name: new RegExp(`Order #${ada.orders[0]?.number}`) }).waitFor()

  // staff: the owner is listed with MFA on; add a support user, make them an analyst, deactivate them
  await page.getByRole('link', { name: 'Staff' }).click()
  await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor()
  const staffRows = page.getByTestId('staff-users').locator('tbody tr')
  await expect(staffRows.filter({ hasText: email }).textContent()).resolves.toMatch(/owner.*on.*active/)
  const form = page.getByTestId('new-staff-user')
  await form.getByLabel('E-mail').fill('sam@example.test')
  await form.getByLabel('Name').fill('Sam Support')
  await form.getByLabel('Role').selectOption('support')
  await form.getByLabel('First password').fill(PASSWORD)
  await form.getByRole('button', { name: 'Add staff user' }).click()
  await page.getByText('sam@example.test can now sign in as support.').waitFor()
  const sam = staffRows.filter({ hasText: 'sam@example.test' })
  await sam.getByLabel('Role of sam@example.test').selectOption('analyst')
  await sam.getByRole('button', { name: 'Save role' }).click()
  await page.getByText('Role of sam@example.test: done.').waitFor()
  await sam.getByRole('button', { name: 'Deactivate' }).click()
  await sam.getByText('deactivated').waitFor()
  const users = await t.modules.staff.users.list()
  expect(users.find((u) => u.email === 'sam@example.test')).toMatchObject({ role: 'analyst', active: false })
  expect((await t.modules.staff.issueToken({ email: 'sam@example.test', password: PASSWORD })).ok).toBe(false)
  // the owner's own row offers no controls (no locking oneself out from here)
  await expect(staffRows.filter({ hasText: email }).getByRole('button').count()).resolves.toBe(0)
  await expect(page.getByTestId('permission-matrix').locator('tbody tr', { hasText: 'customers:read' }).textContent()).resolves.toContain(
    '✓',
  )
  await adminShot(page, 'people-03-staff')

  // API keys: create one, see the key once, use it, dismiss it, revoke it
  await page.getByRole('link', { name: 'API keys' }).click()
  await page.getByRole('heading', { name: 'API keys', exact: true }).waitFor()
  const keyForm = page.getByTestId('new-api-key')
  await keyForm.getByLabel('Name').fill('ERP stock sync')
  await keyForm.getByLabel('catalog:read').check()
  await keyForm.getByRole('button', { name: 'Create key' }).click()
  const key = await page.getByLabel('New API key').inputValue()
  expect(key).toMatch(/^crest_key_/)
  await adminShot(page, 'people-04-api-key-created')
  expect((await fetch(`${t.url}/admin/products`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200)
  await page.getByRole('button', { name: 'I have stored it' }).click()
  await expect(page.getByTestId('api-key-secret').count()).resolves.toBe(0)
  await page.reload()
  const keyRow = page.getByTestId('records-api-keys').locator('tbody tr', { hasText: 'ERP stock sync' })
  await keyRow.waitFor()
  expect(await page.content()).not.toContain(key)
  await keyRow.getByRole('button', { name: 'Revoke' }).click()
  await page.getByText('Revoked “ERP stock sync”').waitFor()
  // the notice shows as soon as the server agrees; the list reloads just after it
  await keyRow.getByRole('button', { name: 'Revoke' }).waitFor({ state: 'detached' })
  expect((await fetch(`${t.url}/admin/products`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401)
  await adminShot(page, 'people-05-api-keys')

  // tablet width: the menu folds, tables scroll inside their card, the pages stay usable
  await page.setViewportSize({ width: 768, height: 1024 })
  for (const [hash, heading, name] of [
    ['customers', 'Customers', 'people-06-tablet-customers'],
    [`customers/${ada.id}`, 'Ada Lovelace', 'people-07-tablet-customer'],
    ['staff', 'Staff', 'people-08-tablet-staff'],
    ['api-keys', 'API keys', 'people-09-tablet-api-keys'],
  ] as const) {
    await page.goto(`${t.url}/admin#/${hash}`)
    await page.getByRole('heading', { name: heading, exact: true }).waitFor()
    await expect(page.locator('nav.side').isVisible()).resolves.toBe(false)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect({ hash, overflow }).toEqual({ hash, overflow: 0 })
    await adminShot(page, name)
  }

  expect(problems).toEqual([])
  await context.close()
})
