import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { cartWith, checkout, firstVariant, ledgerOf, stockExactly } from './shop.ts'

type Sandbox = Awaited<ReturnType<typeof startSandboxPayments>>

const configure = async (s: Sandbox, b: { failureRate?: number; latencyMs?: number }) => {
  const r = await fetch(`${s.url}/v1/admin/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(b),
  })
  if (r.status !== 200) throw new Error(`sandbox config: ${r.status} ${await r.text()}`)
}

type GatewayStatus = { name: string; breaker: string; attempts: number; failures: number; skipped: number }
const gateways = async (t: TestApp, token: string) => {
  const r = await fetch(`${t.url}/admin/payments/gateways`, { headers: { authorization: `Bearer ${token}` } })
  expect(r.status).toBe(200)
  return ((await r.json()) as { gateways: GatewayStatus[] }).gateways
}

const ORDERS = 10
const TIMEOUT_MS = 1000

/**
 * Two sandbox gateways for the `sandbox` provider, `primary` first. The primary goes down; every
 * checkout must still succeed through `backup`, the primary's breaker must open after
 * PAYMENT_BREAKER_FAILURES consecutive failures, and from then on checkouts must not pay the
 * primary's cost any more.
 */
describe.each(engineKinds())('%s: payment failover', (engine) => {
  const scenarios = [
    { name: 'primary answers 503 (failureRate 1)', primary: { failureRate: 1 } },
    { name: `primary hangs past PAYMENT_TIMEOUT_MS (latency ${2 * TIMEOUT_MS} ms)`, primary: { latencyMs: 2 * TIMEOUT_MS } },
  ]
  describe.each(scenarios)('$name', ({ primary: down }) => {
    let t: TestApp
    let primary: Sandbox
    let backup: Sandbox
    let token: string
    let variantId: string
    beforeAll(async () => {
      primary = await startSandboxPayments({ port: 0 })
      backup = await startSandboxPayments({ port: 0 })
      t = await startTestApp({
        engine,
        seedProducts: 5,
        env: {
          PAYMENT_GATEWAYS: `primary=sandbox@${primary.url},backup=sandbox@${backup.url}`,
          PAYMENT_BREAKER_FAILURES: '3',
          PAYMENT_RETRIES: '0',
          PAYMENT_TIMEOUT_MS: String(TIMEOUT_MS),
          PAYMENT_BREAKER_HALF_OPEN_MS: '600000',
        },
      })
      token = await staffToken(t)
      variantId = await firstVariant(t)
      await stockExactly(t, variantId, 100)
    }, 120_000)
    afterAll(async () => {
      await t?.close()
      await primary?.close()
      await backup?.close()
    })

    test('every checkout succeeds through backup; the open breaker makes failover cost nothing', async () => {
      // healthy first: the primary takes the payment
      const warm = await checkout(t, await cartWith(t, variantId))
      expect(warm.status, JSON.stringify(warm.body)).toBe(201)
      expect((await ledgerOf(primary.url)).filter((e) => e.type === 'authorization').map((e) => e.reference)).toEqual([warm.body.order.id])
      const primaryBefore = (await ledgerOf(primary.url)).length

      await configure(primary, down)
      const carts = []
      for (let i = 0; i < ORDERS; i++) carts.push(await cartWith(t, variantId))
      const orders: string[] = []
      const took: number[] = []
      for (const c of carts) {
        const started = performance.now()
        const r = await checkout(t, c)
        took.push(performance.now() - started)
        expect(r.status, JSON.stringify(r.body)).toBe(201)
        orders.push(r.body.order.id)
      }

      const status = await gateways(t, token)
      expect(status.map((g) => g.name)).toEqual(['primary', 'backup'])
      expect(status[0]?.breaker, JSON.stringify(status)).toBe('open')
      expect(status[0]?.failures).toBe(3)
      expect(status[0]?.skipped).toBe(ORDERS - 3)
      expect(status[1]?.breaker).toBe('closed')

      // after the breaker opened (3 failures, no retries), checkouts cost a normal checkout
      for (const ms of took.slice(-5)) expect(ms, `checkout times: ${took.map(Math.round).join(', ')} ms`).toBeLessThan(TIMEOUT_MS / 2)

      await new Promise((r) => setTimeout(r, 2 * TIMEOUT_MS)) // a hung primary call would land by now
      const primaryLedger = (await ledgerOf(primary.url)).slice(primaryBefore)
      expect(primaryLedger, 'the failed primary applied no effect').toEqual([])
      const backupAuths = (await ledgerOf(backup.url)).filter((e) => e.type === 'authorization')
      expect(backupAuths.map((e) => e.reference).sort()).toEqual([...orders].sort())
    }, 60_000)
  })
})
