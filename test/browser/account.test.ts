// A shopper's account in a real browser against the real app: sign up, confirm the e-mail from the
// outbox link, add an address, sign out, a wrong password, sign in again. Real Origin headers, real cookies.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startCustomersApp, tokenFromEmail } from '../customers/customers-app.ts'
import type { TestApp } from '../support/start-app.ts'
import { launchChromium } from '../support/launch-chromium.ts'

const SHOTS = 'test-artifacts/screenshots'

let app: TestApp
let browser: Browser

const submit = async (page: Page, button: string): Promise<number> => {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    page.getByRole('button', { name: button }).click(),
  ])
  await page.waitForLoadState('domcontentloaded')
  return res.status()
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  app = await startCustomersApp('pglite', { seedProducts: 3, listen: true })
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
})

test('sign up, confirm, add an address, sign out, sign in', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${app.url}/`)
  await page.getByRole('link', { name: 'Account' }).click()
  expect(new URL(page.url()).pathname).toBe('/account/sign-in')
  await page.getByRole('link', { name: 'Create an account' }).click()
  await page.getByLabel('Name (optional)').fill('Browser Person')
  await page.getByLabel('E-mail').fill('browser@example.test')
  await page.getByLabel(/^Password/).fill('correct horse battery')
  expect(await submit(page, 'Create account')).toBe(303)
  await expect.poll(() => page.textContent('h1')).toBe('Your account')
  const [cookie] = (await context.cookies()).filter((c) => c.name === 'crest_session')
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
  expect(await page.evaluate(() => document.cookie)).not.toContain('crest_session')

  const token = await tokenFromEmail(app.engines.db, 'browser@example.test', 'account_verify_email')
  await page.goto(`${app.url}/account/verify-email?token=${token}`)
  expect(await submit(page, 'Confirm my e-mail address')).toBe(303)
  expect(await page.textContent('main')).toContain('Your e-mail address is confirmed.')

  await page.getByLabel('Name', { exact: true }).fill('Browser Person')
  await page.getByLabel('Address', { exact: true }).fill('Storgata 1')
  await page.getByLabel('Postal code').fill('0155')
  await page.getByLabel('City').fill('Oslo')
  await page.getByLabel(/^Country/).fill('NO')
  expect(await submit(page, 'Add address')).toBe(303)
  expect(await page.textContent('.account-addresses')).toContain('Browser Person, Storgata 1, 0155 Oslo, NO')
  await page.screenshot({ path: `${SHOTS}/account-home.png`, fullPage: true })

  expect(await submit(page, 'Sign out')).toBe(303)
  await page.goto(`${app.url}/account/sign-in`)
  await page.getByLabel('E-mail').fill('browser@example.test')
  await page.getByLabel('Password').fill('not my password')
  expect(await submit(page, 'Sign in')).toBe(401)
  expect(await page.textContent('[role=alert]')).toContain('E-mail or password is wrong.')
  await page.getByLabel('Password').fill('correct horse battery')
  expect(await submit(page, 'Sign in')).toBe(303)
  expect(await page.textContent('main')).toContain('browser@example.test')
  await context.close()
}, 120_000)
