import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../support/launch-chromium.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'

/** The strict policy in a real browser: no page of the storefront or the API reference trips it. */

describe('Content Security Policy in Chromium', () => {
  let t: TestApp
  let browser: Browser
  let handle = ''
  beforeAll(async () => {
    t = await startTestApp({ seedProducts: 5 })
    browser = await launchChromium()
    handle =
      ((await t.app.inject({ url: '/store/products?limit=1' })).json() as { products: { handle: string }[] }).products[0]?.handle ?? ''
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  /**
   * Loads a page and returns the policy violations it reported and its final HTML; with
   * `rendered`, waits (on a slow machine, a while) for that text to be drawn by the page's script.
   */
  const visit = async (path: string, rendered?: string) => {
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      )
    })
    const r = await page.goto(`${t.url}${path}`, { waitUntil: 'networkidle' })
    const status = r?.status() ?? 0
    if (rendered)
      await page
        .getByText(rendered)
        .first()
        .waitFor({ timeout: 30_000 })
        .catch(() => undefined)
    const html = await page.content()
    await page.close()
    return { violations, status, html }
  }

  test.each(['/', '/p/HANDLE', '/search?q=hat', '/cart', '/account/sign-in', '/orders/lookup'])(
    'storefront %s: no violation',
    async (path) => {
      const v = await visit(path.replace('HANDLE', handle))
      expect(v.status).toBe(200)
      expect(v.violations).toEqual([])
    },
  )

  test('the product page script runs under the policy (it hides the picker button)', async () => {
    const list = (await t.app.inject({ url: '/store/products?limit=20' })).json() as { products: { handle: string; variants: unknown[] }[] }
    const multi = list.products.find((p) => p.variants.length > 1)
    expect(multi).toBeDefined()
    const page = await browser.newPage()
    await page.goto(`${t.url}/p/${multi?.handle}`, { waitUntil: 'networkidle' })
    expect(await page.locator('[data-picker-submit]').count()).toBe(1)
    await expect.poll(() => page.locator('[data-picker-submit]').isHidden()).toBe(true)
    await page.close()
  })

  test('the API reference renders with its own policy', async () => {
    const v = await visit('/docs/', 'Crest store and admin API')
    expect(v.status).toBe(200)
    // it probes for eval once and works without it; nothing else is blocked
    expect(v.violations.filter((m) => !/script-src eval/.test(m))).toEqual([])
    expect(v.html).toContain('Crest store and admin API') // rendered from /openapi.json by its script
  })

  test('an injected inline script would be blocked', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    await page.goto(`${t.url}/`, { waitUntil: 'networkidle' })
    const ran = await page.evaluate(() => {
      const s = document.createElement('script')
      s.textContent = 'window.__pwned = true'
      document.body.append(s)
      return (window as unknown as { __pwned?: boolean }).__pwned === true
    })
    expect(ran).toBe(false)
    expect(violations.length).toBeGreaterThan(0)
    await page.close()
  })
})
