// A shopper asks for a return and an exchange on the order page in a real browser (real app, sandbox payment gateway
// and sandbox carrier processes); staff act through the admin API; the shopper sees each step on the page.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  adminPost,
  orderOf,
  paymentLedger,
  type Shop,
  startShop,
  stockAt,
  variants,
  waitForParcels,
} from '../processing/processing-fixture.ts'
import { deliveredOrder, STORE, stockAtLocation } from '../returns/returns-fixture.ts'
import { launchChromium } from '../support/launch-chromium.ts'

const SHOTS = 'test-artifacts/screenshots'

let s: Shop
let browser: Browser

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  s = await startShop('pglite')
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await s?.close()
}, 30_000)

const stepsShown = async (page: Page): Promise<string[]> =>
  page.locator('.return-steps li').evaluateAll((els) => els.map((e) => e.getAttribute('data-step') ?? ''))

test('a shopper requests a return and an exchange on the order page and follows each step', { timeout: 120_000 }, async () => {
  const [a, b] = (await variants(s.t, 2)) as [string, string]
  await stockAt(s.t, a, 'warehouse', 20)
  await stockAt(s.t, b, 'warehouse', 20)
  // a second variant of a's product at the same price: what the shopper can exchange for
  const snap = (await s.t.modules.catalog.getVariants([a], 'EUR')).get(a)
  if (!snap?.price) throw new Error('no price')
  const added = await s.t.modules.catalog.addVariant(snap.product_id, {
    sku: `XCHG-${Date.now()}`,
    title: 'Other size',
    prices: [snap.price],
  })
  if (!added.ok) throw new Error(added.error.message)
  const other = added.value.variants.find((v) => v.title === 'Other size')?.id as string
  await stockAt(s.t, other, 'warehouse', 5)

  const order = await deliveredOrder(s, [
    { variantId: a, quantity: 1 },
    { variantId: b, quantity: 1 },
  ])
  const [itemA, itemB] = [order.items.find((i) => i.variant_id === a), order.items.find((i) => i.variant_id === b)]
  if (!itemA || !itemB) throw new Error('no items')

  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  const orderUrl = `${s.t.url}/orders/${order.id}?token=${encodeURIComponent(order.access_token)}`
  await page.goto(orderUrl)
  await expect(page.getByRole('heading', { name: 'Request a return' }).isVisible()).resolves.toBe(true)
  await page.selectOption(`select[name="qty_${itemA.id}"]`, '1')
  await page.selectOption(`select[name="exchange_${itemA.id}"]`, other)
  await page.selectOption(`select[name="qty_${itemB.id}"]`, '1')
  await page.selectOption(`select[name="reason_${itemB.id}"]`, 'Damaged or faulty')
  await Promise.all([page.waitForURL(/return_requested=ret_/), page.getByRole('button', { name: 'Request a return' }).click()])
  await page.screenshot({ path: `${SHOTS}/returns-requested.png`, fullPage: true })
  expect(await page.locator('.return-status').textContent()).toBe('requested')
  expect(await stepsShown(page)).toEqual(['requested'])
  expect(await page.locator('#returns .confirm').textContent()).toContain('We have your return request')
  const returnId = (await page.locator('.return').getAttribute('data-return')) as string

  // staff approve: the replacement is reserved under a linked order, the carrier makes a return label
  const approved = await adminPost(s, `/returns/${returnId}/approve`)
  expect(approved.status).toBe(200)
  await page.goto(orderUrl)
  expect(await page.locator('.return-status').textContent()).toBe('approved')
  expect(await stepsShown(page)).toEqual(['requested', 'approved', 'exchange_created', 'label_created'])
  const exchange = await orderOf(s, approved.body.return.exchange_order_id)
  expect(await page.locator('.return-steps').textContent()).toContain(`Replacement order ${exchange.number}`)
  expect(await page.locator('.return-label a').first().getAttribute('href')).toBe(approved.body.return.label.label_url)
  await page.screenshot({ path: `${SHOTS}/returns-approved.png`, fullPage: true })

  // staff receive the parcel into the city store: refund for the returned line only, once
  const storeBefore = await stockAtLocation(s, b, STORE)
  const received = await adminPost(s, `/returns/${returnId}/receive`, {
    location_id: STORE,
    items: approved.body.return.items.map((i: { id: string }) => ({ id: i.id, condition: 'sellable' })),
  })
  expect(received.status).toBe(200)
  await adminPost(s, `/returns/${returnId}/refund`) // a replayed call
  await page.goto(orderUrl)
  expect(await page.locator('.return-status').textContent()).toBe('completed')
  expect(await stepsShown(page)).toEqual(['requested', 'approved', 'exchange_created', 'label_created', 'received', 'refunded'])
  expect(await page.locator('.return-refund').textContent()).toContain('refunded')
  const timeline = await page.locator('.order-cols .timeline').textContent()
  for (const step of ['requested', 'approved', 'received', 'refunded']) expect(timeline).toContain(`Return: ${step}`)
  await page.screenshot({ path: `${SHOTS}/returns-completed.png`, fullPage: true })

  expect((await stockAtLocation(s, b, STORE)).on_hand).toBe(storeBefore.on_hand + 1)
  const refunds = await paymentLedger(s, order.id, 'refund')
  expect(refunds.map((r) => r.amount)).toEqual([received.body.return.refund_amount.amount])
  expect(received.body.return.refund_amount.amount).toBe(
    received.body.return.items.find((i: { item_id: string }) => i.item_id === itemB.id).refund_amount.amount,
  )
  await waitForParcels(s, exchange.id, 'the replacement parcel', (p) => p.length === 1 && p[0]?.items[0]?.variant_id === other)
  // the look-up page (where e-mails link) shows the same steps, without the form
  await page.goto(`${s.t.url}/orders/lookup`)
  await page.fill('input[name="number"]', order.number)
  await page.fill('input[name="email"]', order.email)
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.getByRole('button', { name: 'Find my order' }).click()])
  await page.locator('.return-steps').waitFor()
  expect(await stepsShown(page)).toEqual(['requested', 'approved', 'exchange_created', 'label_created', 'received', 'refunded'])
  expect(await page.locator('form.return-form').count()).toBe(0)
  expect(errors).toEqual([])
  await context.close()
})
