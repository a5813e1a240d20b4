// The products and promotions screens of the admin app in a real browser against the real app: an owner signs in
// with MFA, creates a product with a variant and a price, edits the variant, uploads two images, reorders them,
// sees the product on the storefront with its image and price, then creates a discount code that applies in a
// cart and deactivates it. A screenshot of each admin page goes to test-artifacts/admin/ (catalog-*.png).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import { DEMO_LOCATIONS } from '../../src/cli/seed.ts'
import { solidPng } from '../fixtures/tiny-png.ts'
import { adminBrowserSuite, adminShot, newAdminPage, PASSWORD, signInAsNewOwner } from '../support/admin-browser.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'

const HANDLE = 'harbour-lantern'

/** The app with 3 seeded products and its uploaded images in a temporary folder, removed when the app closes. */
const startWithMedia = async (): Promise<TestApp> => {
  const media = await mkdtemp(join(tmpdir(), 'crest-admin-media-'))
  const removeMedia = () => rm(media, { recursive: true, force: true })
  try {
    const t = await startTestApp({ seedProducts: 3, env: { STAFF_MFA: 'required', MEDIA_DIR: media } })
    return {
      ...t,
      close: async () => {
        await t.close()
        await removeMedia()
      },
    }
  } catch (e) {
    await removeMedia()
    throw e
  }
}

const suite = adminBrowserSuite(startWithMedia)

const shot = (page: Page, name: string) => adminShot(page, `catalog-${name}`)

const api = async (method: string, path: string, body?: unknown, token?: string) => {
  const r = await fetch(`${suite.app.url}${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  return { status: r.status, body: await r.json() }
}

test('an owner creates a product with prices and images, sees it in the storefront, and runs a discount code', {
  timeout: 180_000,
}, async () => {
  const t = suite.app
  // stock is set through the API by a fulfilment user (the inventory page is covered by admin-app.test.ts)
  const helper = `fulfilment-${Date.now()}@example.test`
  if (!(await t.modules.staff.createUser({ email: helper, password: PASSWORD, role: 'fulfilment' })).ok) throw new Error('no helper')
  const issued = await t.modules.staff.issueToken({ email: helper, password: PASSWORD })
  if (!issued.ok) throw new Error(issued.error.message)

  const { context, page, problems } = await newAdminPage(suite.browser)
  await signInAsNewOwner(page, t)

  // 1. the product list (seeded products), then a new product with one variant and one price
  await page.getByRole('link', { name: 'Products' }).click()
  await page.getByRole('heading', { name: 'Products', exact: true }).waitFor()
  await page.locator('table.products tbody tr').first().waitFor()
  await shot(page, '01-products')
  await page.getByRole('button', { name: 'New product' }).click()
  const form = page.getByRole('form', { name: 'New product' })
  await form.getByLabel('Title', { exact: true }).fill('Harbour Lantern')
  await form.getByLabel(/Handle/).fill(HANDLE)
  await form.locator('select[name="status"]').selectOption('published')
  await form.getByLabel('SKU', { exact: true }).fill('LANTERN-1')
  await form.getByLabel('Variant title', { exact: true }).fill('Brass')
  await form.getByLabel('Price', { exact: true }).fill('49.90')
  await shot(page, '02-new-product')
  await form.getByRole('button', { name: 'Create product' }).click()
  await page.getByRole('heading', { name: /Harbour Lantern/ }).waitFor()
  const productId = decodeURIComponent(page.url().split('#/products/')[1] ?? '')
  expect(productId).toMatch(/^prod_/)

  // 2. details and variants: a description, a USD price and options on the first variant, a second variant
  const details = page.getByRole('form', { name: 'Product details' })
  await details.getByLabel('Description', { exact: true }).fill('A brass storm lantern.')
  await details.getByRole('button', { name: 'Save details' }).click()
  await details.getByText('Saved.').waitFor()
  await page.getByLabel('Price of LANTERN-1 in USD', { exact: true }).fill('54.00')
  await page.getByLabel('Options of LANTERN-1', { exact: true }).fill('Finish=Brass')
  await page.getByLabel('Weight (g) of LANTERN-1', { exact: true }).fill('900')
  await page.locator('form.variant-form').first().getByRole('button', { name: 'Save variant' }).click()
  await page.locator('form.variant-form').first().getByText('€49.90 · $54.00').waitFor()
  await page.getByLabel('SKU of new variant', { exact: true }).fill('LANTERN-2')
  await page.getByLabel('Title of new variant', { exact: true }).fill('Copper')
  await page.getByLabel('Price of new variant in EUR', { exact: true }).fill('59.90')
  await page.getByRole('button', { name: 'Add variant' }).click()
  await page.locator('form.variant-form[data-variant^="var_"]').nth(1).waitFor()

  // 3. images: two uploads, then the second is moved first and the order saved
  const upload = async (name: string, rgb: [number, number, number], alt: string) => {
    await page.locator('input[name="file"]').setInputFiles({ name, mimeType: 'image/png', buffer: solidPng(64, 64, rgb) })
    await page.getByLabel('Alt text', { exact: true }).fill(alt)
    await page.getByRole('button', { name: 'Upload' }).click()
    await page
      .locator('.gallery-edit img', { has: page.locator(`[alt="${alt}"]`) })
      .or(page.locator(`.gallery-edit img[alt="${alt}"]`))
      .waitFor()
  }
  await upload('brass.png', [181, 140, 60], 'Brass lantern')
  await upload('night.png', [20, 30, 80], 'Lantern at night')
  await page.getByRole('button', { name: 'Move image 2 earlier' }).click()
  await page.getByRole('button', { name: 'Save images' }).click()
  await page.getByText('Images saved.').waitFor()
  await shot(page, '03-product-detail')
  const product = (await api('GET', `/store/products/${HANDLE}`)).body.product
  expect(product.images.map((i: { alt: string }) => i.alt)).toEqual(['Lantern at night', 'Brass lantern'])
  const brass = product.variants.find((v: { sku: string }) => v.sku === 'LANTERN-1')
  expect(brass).toMatchObject({ options: { Finish: 'Brass' }, weight_grams: 900, price: { amount: 4990, currency: 'EUR' } })
  expect(brass.prices).toEqual(expect.arrayContaining([{ amount: 5400, currency: 'USD' }]))

  // 4. the storefront product page shows the first image and the price
  expect(
    (await api('PUT', `/admin/inventory/${brass.id}`, { on_hand: 10, location_id: DEMO_LOCATIONS.warehouse.id }, issued.value.token))
      .status,
  ).toBe(200)
  const shop = await context.newPage()
  await shop.goto(`${t.url}/p/${HANDLE}`)
  const main = shop.locator('.gallery img.main')
  await expect(main.getAttribute('src')).resolves.toBe(product.images[0].url)
  await expect(main.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBe(64)
  await shop.getByText('€49.90').first().waitFor()
  await shot(shop, '04-storefront-product')
  await shop.close()

  // 5. a discount code: created in the app, applied in a cart through the store API, then deactivated
  await page.getByRole('link', { name: 'Promotions' }).click()
  await page.getByRole('heading', { name: 'Promotions', exact: true }).waitFor()
  await page.getByRole('link', { name: 'New promotion' }).click()
  const promo = page.getByRole('form', { name: 'New promotion' })
  await promo.getByLabel(/^Code/).fill('LANTERN10')
  await promo.getByLabel('Name', { exact: true }).fill('Lantern launch')
  await promo.locator('select[name="kind"]').selectOption('percentage')
  await promo.getByLabel('Percent off', { exact: true }).fill('10')
  await promo.locator('select[name="currency"]').selectOption('EUR')
  await promo.getByLabel('Minimum subtotal', { exact: true }).fill('20.00')
  await promo.getByLabel(/Uses per customer/).fill('1')
  await shot(page, '05-new-promotion')
  await promo.getByRole('button', { name: 'Create promotion' }).click()
  const row = page.locator('tr[data-promotion="LANTERN10"]')
  await row.getByText('10%').waitFor()
  await shot(page, '06-promotions')

  const cart = (await api('POST', '/store/carts', { currency: 'EUR' })).body.cart
  expect((await api('POST', `/store/carts/${cart.id}/items`, { variant_id: brass.id, quantity: 1 })).status).toBe(200)
  const applied = await api('POST', `/store/carts/${cart.id}/discounts`, { code: 'LANTERN10' })
  expect([applied.status, applied.body.cart.discount_total]).toEqual([200, { amount: 499, currency: 'EUR' }])

  await row.getByRole('link', { name: 'Edit' }).click()
  const edit = page.getByRole('form', { name: 'Edit promotion' })
  await edit.getByLabel('Name', { exact: true }).fill('Lantern launch week')
  await shot(page, '07-edit-promotion')
  await edit.getByRole('button', { name: 'Save promotion' }).click()
  await row.getByText('Lantern launch week').waitFor()
  await row.getByRole('button', { name: 'Deactivate' }).click()
  await row.getByText('inactive').waitFor()
  const refused = await api('POST', `/store/carts/${cart.id}/discounts`, { code: 'LANTERN10' })
  expect([refused.status, refused.body.error.code]).toEqual([422, 'invalid_discount'])

  // 6. tablet: the product editor and the promotions list stay usable at 768 px
  await page.setViewportSize({ width: 768, height: 1024 })
  await page.goto(`${t.url}/admin#/products/${productId}`)
  await page.locator('.gallery-edit img').first().waitFor()
  await shot(page, '08-tablet-product')
  await page.goto(`${t.url}/admin#/promotions`)
  await row.waitFor()
  await shot(page, '09-tablet-promotions')
  const tooWide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
  expect(tooWide).toBe(false)

  expect(problems).toEqual([])
  await context.close()
})
