// A shopper's whole purchase in a real browser against the real app (storefront wired with cart, checkout and
// orders) and the sandbox payment gateway: product → cart → checkout → declined card → approved card, clicked twice → order page.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Product, Variant } from '../../src/modules/catalog/index.ts'
import { type LedgerEntry, type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { configureSandbox } from '../payments/support.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { launchChromium } from '../support/launch-chromium.ts'

const SHOTS = 'test-artifacts/screenshots'

let sandbox: SandboxPayments
let app: TestApp
let browser: Browser

/** Clicks a submit button whose form posts back to the same address; waits for the new page. */
const postBack = async (page: Page, button: string): Promise<number> => {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    page.getByRole('button', { name: button }).click(),
  ])
  await page.waitForLoadState('domcontentloaded')
  return res.status()
}

const shoot = (page: Page, step: string) => page.screenshot({ path: `${SHOTS}/checkout-${step}.png`, fullPage: true })

/** A seeded product whose shown (first in-stock) variant has a few units and a price. */
const findProduct = async (): Promise<{ product: Product; variant: Variant }> => {
  const all = await app.modules.catalog.listProducts({ sort: 'newest', currency: app.config.DEFAULT_CURRENCY, limit: 100 })
  if (!all.ok) throw new Error(all.error.message)
  for (const product of all.value.products) {
    const variant = product.variants.find((v) => v.available > 0 && v.price)
    if (variant && variant.available >= 3) return { product, variant }
  }
  throw new Error('no seeded product in stock')
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  sandbox = await startSandboxPayments({ port: 0 })
  app = await startTestApp({ seedProducts: 30, env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}` } })
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
  await sandbox?.close()
}, 30_000)

for (const javaScriptEnabled of [false, true]) {
  test(`product → cart → checkout → declined → approved → order status (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, {
    timeout: 120_000,
  }, async () => {
    const { product, variant } = await findProduct()
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const tag = javaScriptEnabled ? 'js' : 'nojs'

    await page.goto(`${app.url}/p/${product.handle}`)
    expect(await page.locator('h1').textContent()).toBe(product.title)
    expect(await page.locator('form[action="/cart/items"] input[name="variant_id"]').inputValue()).toBe(variant.id)
    await page.getByLabel('Quantity').fill('2')
    await Promise.all([page.waitForURL('**/cart'), page.getByRole('button', { name: 'Add to cart' }).click()])
    expect(await page.locator('h1').textContent()).toBe('Your cart')
    expect(await page.locator('.line-title').first().textContent()).toContain(product.title)
    expect(await page.locator('.totals').textContent()).toContain('incl. VAT')
    const cookie = (await context.cookies()).find((c) => c.name === 'crest_cart')
    expect(cookie?.httpOnly).toBe(true)
    expect(cookie?.sameSite).toBe('Lax')
    await shoot(page, `1-cart-${tag}`)

    await Promise.all([page.waitForURL('**/checkout'), page.getByRole('link', { name: 'Checkout' }).click()])
    await page.getByLabel('E-mail').fill('ada@example.com')
    await page.getByLabel('Full name').fill('Ada Lovelace')
    await page.getByLabel('Street address').fill('Storgatan 1')
    await page.getByLabel('Postal code').fill('11122')
    await page.getByLabel('City').fill('Stockholm')
    await page.getByLabel('Country').selectOption('SE')
    expect(await postBack(page, 'Update shipping options')).toBe(200)
    expect(await page.locator('legend', { hasText: 'Shipping method' }).textContent()).toContain('Sweden')
    expect(await page.getByLabel('Street address').inputValue()).toBe('Storgatan 1')
    await page.locator('input[name="shipping_option_id"]').first().check()
    await shoot(page, `2-checkout-${tag}`)

    await page.getByLabel('Payment (sandbox)').selectOption('tok_declined')
    expect(await postBack(page, 'Place order')).toBe(402)
    const payment = page.getByLabel('Payment (sandbox)')
    expect(await payment.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('#co-payment-token-error').textContent()).toContain('declined')
    // the message follows the payment field it concerns
    expect(await page.locator('#co-payment-token + #co-payment-token-error').count()).toBe(1)
    expect(await page.getByLabel('E-mail').inputValue()).toBe('ada@example.com')
    await shoot(page, `3-declined-${tag}`)

    await payment.selectOption('tok_ok')
    // an impatient shopper clicks again while the payment is still being authorised: the form goes
    // twice, the browser shows the second answer, and that must be the order placed by the first
    await configureSandbox(sandbox, { latencyMs: 1000 })
    const places: string[] = []
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/checkout') && places.push(r.url()))
    const placeButton = page.getByRole('button', { name: 'Place order' })
    await placeButton.scrollIntoViewIfNeeded()
    const box = await placeButton.boundingBox()
    if (!box) throw new Error('no Place order button')
    const x = box.x + box.width / 2
    const y = box.y + box.height / 2
    // raw mouse clicks: a locator's click would wait for the first navigation to finish
    await page.mouse.click(x, y)
    await new Promise((r) => setTimeout(r, 300))
    await page.mouse.click(x, y)
    // (the first navigation is aborted by the second, so waitForURL would see ERR_ABORTED)
    await expect.poll(() => page.url(), { timeout: 20_000, interval: 100 }).toMatch(/\/orders\/[^/?]+\?token=/)
    await page.waitForLoadState('domcontentloaded')
    await configureSandbox(sandbox, { latencyMs: 0 })
    expect(places).toHaveLength(2)
    const orderId = new URL(page.url()).pathname.split('/').pop() ?? ''
    expect(await page.locator('h1').textContent()).toContain('Thank you')
    const order = await app.modules.orders.getOrder(orderId)
    if (!order.ok) throw new Error(order.error.message)
    expect(await page.locator('[data-o="number"]').textContent()).toBe(order.value.number)
    expect(await page.locator('[data-o="status"]').textContent()).toBe('placed')
    expect(await page.locator('[data-o="payment"]').textContent()).toBe('authorized')
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(0)
    expect((await context.cookies()).find((c) => c.name === 'crest_cart')).toBeUndefined()
    await shoot(page, `4-order-${tag}`)

    const ledger = (await (await fetch(`${sandbox.url}/v1/ledger`)).json()) as { entries?: LedgerEntry[] } | LedgerEntry[]
    const entries = Array.isArray(ledger) ? ledger : (ledger.entries ?? [])
    expect(entries.filter((e) => e.type === 'authorization' && e.reference === orderId)).toHaveLength(1)

    // without the token, nobody else sees the order
    const stranger = await browser.newPage()
    const res = await stranger.goto(`${app.url}/orders/${orderId}`)
    expect(res?.status()).toBe(404)
    await stranger.close()
    expect(errors).toEqual([])
    await context.close()
  })
}
