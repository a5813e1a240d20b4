import { mkdirSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Product, Variant } from '../../src/modules/catalog/index.ts'
import { formatMoney } from '../../src/platform/money/money.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { launchChromium } from '../support/launch-chromium.ts'

const SHOTS = 'test-artifacts/screenshots'
const CURRENCY = 'EUR'
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 900 },
] as const
type Viewport = (typeof VIEWPORTS)[number]

let app: TestApp
let browser: Browser
let target: Target

/** A seeded product with ≥ 2 variants (differently priced when there is one), a word of its title that finds it. */
type Target = { readonly word: string; readonly product: Product; readonly first: Variant; readonly other: Variant }

/** The variant a product page shows first: the first in stock, else the first. */
const defaultVariant = (p: Product): Variant | undefined => p.variants.find((v) => v.available > 0 && v.price) ?? p.variants[0]

const findTarget = async (): Promise<Target> => {
  const all = await app.modules.catalog.listProducts({ sort: 'newest', currency: CURRENCY, limit: 100 })
  if (!all.ok) throw new Error(all.error.message)
  const multi = all.value.products.filter((p) => p.variants.length >= 2)
  const pricesDiffer = (p: Product) => new Set(p.variants.map((v) => v.price?.amount)).size > 1
  for (const product of [...multi.filter(pricesDiffer), ...multi.filter((p) => !pricesDiffer(p))]) {
    const word = product.title.split(/[\s-]+/)[0] ?? ''
    const found = await app.modules.catalog.listProducts({ q: word, currency: CURRENCY, limit: 24 })
    if (!found.ok || !found.value.products.some((p) => p.id === product.id)) continue
    const first = defaultVariant(product)
    const others = product.variants.filter((v) => v.id !== first?.id)
    const other = others.find((v) => v.price?.amount !== first?.price?.amount) ?? others[0]
    if (first && other) return { word, product, first, other }
  }
  throw new Error('no seeded product with two variants is findable by a word of its title')
}

/** A full-page screenshot once the lazy images below the fold have loaded. */
const shoot = async (page: Page, vp: Viewport, step: string) => {
  for (const img of await page.locator('img[loading="lazy"]').all()) await img.scrollIntoViewIfNeeded()
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: `${SHOTS}/${vp.name}-${step}.png`, fullPage: true })
}

const newContext = (vp: Viewport, javaScriptEnabled = true): Promise<BrowserContext> =>
  browser.newContext({
    viewport: { width: vp.width, height: vp.height },
    javaScriptEnabled,
    isMobile: vp.name === 'phone',
    hasTouch: vp.name === 'phone',
  })

const expectVariantShown = async (page: Page, v: Variant) => {
  await expect.poll(() => page.locator('[data-v="sku"]').textContent()).toBe(v.sku)
  expect(await page.locator('[data-v="price"]').textContent()).toBe(v.price ? formatMoney(v.price) : 'Not sold in this currency')
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  app = await startTestApp({ seedProducts: 150 })
  target = await findTarget()
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
}, 30_000)

for (const vp of VIEWPORTS) {
  test(`${vp.name}: home → search → product → another variant, with and without JavaScript`, { timeout: 120_000 }, async () => {
    const { word, product, first, other } = target
    const context = await newContext(vp)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))

    await page.goto(`${app.url}/`)
    await expect.poll(() => page.locator('h1').textContent()).toBe(app.config.STORE_NAME)
    await shoot(page, vp, '1-home')

    await page.fill('#site-q', word)
    await Promise.all([page.waitForURL(/\/search\?q=/), page.press('#site-q', 'Enter')])
    expect(await page.locator('.grid .card').count()).toBeGreaterThan(0)
    await shoot(page, vp, '2-search')

    await Promise.all([page.waitForURL(`**/p/${product.handle}`), page.click(`.grid a[href="/p/${product.handle}"]`)])
    expect(await page.locator('h1').textContent()).toBe(product.title)
    await expectVariantShown(page, first)
    expect(await page.locator('[data-picker-submit]').isHidden()).toBe(true)
    await shoot(page, vp, '3-product')

    await page.check(`input[name="variant"][value="${other.id}"]`)
    await expectVariantShown(page, other)
    expect(page.url()).toContain(`variant=${other.id}`)
    await shoot(page, vp, '4-variant')
    expect(errors).toEqual([])
    await context.close()

    const noJs = await newContext(vp, false)
    const plain = await noJs.newPage()
    await plain.goto(`${app.url}/p/${product.handle}`)
    await plain.check(`input[name="variant"][value="${other.id}"]`)
    await Promise.all([plain.waitForURL(`**/p/${product.handle}?variant=${other.id}`), plain.click('[data-picker-submit]')])
    await expectVariantShown(plain, other)
    expect(await plain.isChecked(`input[name="variant"][value="${other.id}"]`)).toBe(true)
    await shoot(plain, vp, '5-no-js-variant')
    await noJs.close()
  })
}

test('a product page weighs well under 100 KB (HTML + CSS + JS, uncompressed)', { timeout: 60_000 }, async () => {
  const { product } = target
  const context = await browser.newContext()
  const page = await context.newPage()
  const sizes: Record<string, number> = { html: 0, css: 0, js: 0 }
  const pending: Promise<void>[] = []
  page.on('response', (res) => {
    const kind = res.request().resourceType()
    const key = kind === 'document' ? 'html' : kind === 'stylesheet' ? 'css' : kind === 'script' ? 'js' : null
    if (!key) return
    pending.push(
      res.body().then((b) => {
        sizes[key] = (sizes[key] ?? 0) + b.length
      }),
    )
  })
  await page.goto(`${app.url}/p/${product.handle}`, { waitUntil: 'load' })
  await Promise.all(pending)
  const total = (sizes.html ?? 0) + (sizes.css ?? 0) + (sizes.js ?? 0)
  console.log(`product page weight: ${JSON.stringify(sizes)} total=${total} bytes`)
  expect(sizes.html).toBeGreaterThan(0)
  expect(sizes.css).toBeGreaterThan(0)
  expect(sizes.js).toBeGreaterThan(0)
  expect(total).toBeLessThan(100 * 1024)
  await context.close()
})
