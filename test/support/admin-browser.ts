// What the admin app's browser tests share: the built admin app, a Chromium and the app under test for the file's
// tests; a page that collects errors and CSP refusals; a new owner's first sign-in with TOTP enrolment
// (STAFF_MFA=required); screenshots under test-artifacts/admin/.
import { mkdirSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
// @ts-expect-error: a plain ES module script without types
import { buildAdmin } from '../../scripts/build-admin.js'
import type { Modules } from '../../src/app.ts'
import { totpCode } from '../../src/modules/staff/index.ts'
import { launchChromium } from './launch-chromium.ts'

export const ADMIN_SHOTS = 'test-artifacts/admin'
/** The password of every user these tests create. */
export const PASSWORD = 'correct horse battery staple'

export type AdminBrowserSuite<A> = { readonly app: A; readonly browser: Browser }

/**
 * Registers the file's set-up and tear-down: builds the admin app when its build is older than its sources, makes
 * the screenshot folder, launches Chromium and starts the app with `start`; both are closed after the file's tests.
 */
export const adminBrowserSuite = <A extends { readonly close: () => Promise<void> }>(start: () => Promise<A>): AdminBrowserSuite<A> => {
  let app: A | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    mkdirSync(ADMIN_SHOTS, { recursive: true })
    await buildAdmin()
    browser = await launchChromium()
    app = await start()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  }, 30_000)
  return {
    get app() {
      if (!app) throw new Error('the app is not started (beforeAll failed?)')
      return app
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched (beforeAll failed?)')
      return browser
    },
  }
}

/** A full-page screenshot to test-artifacts/admin/<name>.png. */
export const adminShot = (page: Page, name: string) => page.screenshot({ path: `${ADMIN_SHOTS}/${name}.png`, fullPage: true })

export type AdminPage = { readonly context: BrowserContext; readonly page: Page; readonly problems: string[] }

/**
 * A desktop-sized page whose `problems` collect page errors and console errors (a CSP refusal above all). Expected
 * 4xx answers (a wrong code, no favicon) are logged by the browser as failed resources and are not problems.
 */
export const newAdminPage = async (browser: Browser, options: { acceptDownloads?: boolean } = {}): Promise<AdminPage> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`)
  })
  return { context, page, problems }
}

export type OwnerSignIn = {
  /** The owner's name, if any. */
  readonly name?: string
  /** Screenshot names of the filled sign-in form and of the enrolment screen. */
  readonly shots?: { readonly signIn?: string; readonly enrol?: string }
}

/**
 * Creates an owner (with PASSWORD and a unique e-mail) and signs in as them for the first time: enrols a TOTP
 * authenticator, activates it, passes the recovery codes and waits for the dashboard. Returns the e-mail and the
 * authenticator's secret.
 */
export const signInAsNewOwner = async (
  page: Page,
  app: { readonly url: string; readonly modules: Pick<Modules, 'staff'> },
  { name, shots = {} }: OwnerSignIn = {},
): Promise<{ email: string; secret: string }> => {
  const email = `owner-${Date.now()}@example.test`
  const created = await app.modules.staff.createUser({ email, password: PASSWORD, role: 'owner', ...(name && { name }) })
  if (!created.ok) throw new Error(created.error.message)
  await page.goto(`${app.url}/admin`)
  await page.getByLabel('E-mail', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  if (shots.signIn) await adminShot(page, shots.signIn)
  await page.getByRole('button', { name: 'Sign in' }).click()
  const secret = (await page.getByTestId('mfa-secret').textContent()) ?? ''
  if (shots.enrol) await adminShot(page, shots.enrol)
  await page.getByLabel('Code from the app', { exact: true }).fill(totpCode(secret, new Date()))
  await page.getByRole('button', { name: 'Activate' }).click()
  await page.getByRole('heading', { name: 'Recovery codes' }).waitFor()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
  return { email, secret }
}
