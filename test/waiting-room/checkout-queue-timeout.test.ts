import { afterAll, beforeAll, expect, test } from 'vitest'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { cartWith, checkout, firstVariant, ledgerOf, stockExactly } from '../checkout/shop.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'

const TIMEOUT_MS = 400

let t: TestApp
let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
beforeAll(async () => {
  sandbox = await startSandboxPayments({ port: 0 })
  // one placement at a time (pool 1 → 2 placements → 1 per line), so the others wait in line
  t = await startTestApp({
    seedProducts: 3,
    env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`, DATABASE_POOL_SIZE: '1', CHECKOUT_QUEUE_TIMEOUT_MS: String(TIMEOUT_MS) },
  })
}, 120_000)
afterAll(async () => {
  await t?.close()
  await sandbox?.close()
})

test('a checkout never waits in line longer than CHECKOUT_QUEUE_TIMEOUT_MS: it is told 503 overloaded, and nothing is placed for it', async () => {
  const variantId = await firstVariant(t)
  await stockExactly(t, variantId, 50)
  const carts = await Promise.all(Array.from({ length: 4 }, () => cartWith(t, variantId)))
  // the first holds the only slot for about 2 s (tok_slow); the others queue behind it
  const timed = await Promise.all(
    carts.map(async (c, i) => {
      if (i > 0) await new Promise((r) => setTimeout(r, 100))
      const started = Date.now()
      const r = await checkout(t, c, 'tok_slow')
      return { ...r, ms: Date.now() - started, cartId: c.cartId }
    }),
  )
  const [first, ...rest] = timed
  expect(first?.status).toBe(201)
  for (const r of rest) {
    expect(r.status).toBe(503)
    expect(r.body.error.code).toBe('overloaded')
    // told after the queue timeout, well before the slot came free
    expect(r.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 20)
    // (they set out 100 ms after the first, which holds the slot until it is answered)
    expect(r.ms + 100).toBeLessThan(first?.ms ?? 0)
    expect(r.ms).toBeLessThan(TIMEOUT_MS + 1000)
  }
  // none of the turned-away checkouts ran later on: one authorisation only
  await new Promise((r) => setTimeout(r, 2500))
  const auths = (await ledgerOf(sandbox.url)).filter((e) => e.type === 'authorization')
  expect(auths.map((a) => a.reference)).toEqual([first?.body.order.id])
}, 30_000)
