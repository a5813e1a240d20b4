import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bandGrams, weightBandOf } from '../../src/modules/fulfillment/live-rates/weight-band.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import { quoteRates } from '../../src/sandbox/carrier/quote-rates.ts'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { firstVariant, post } from '../checkout/shop.ts'
import { freePort } from '../support/crest-process.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { eventually } from './support.ts'

const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))
const TIMEOUT_MS = 400

type Option = { id: string; name: string; amount: { amount: number; currency: string } }

/** `crest sandbox carrier` as a real separate process, shared by both engines' apps. */
let child: ChildProcess | undefined
let carrierUrl = ''
const configure = (c: Record<string, unknown>) => post(`${carrierUrl}/v1/admin/config`, c)

beforeAll(async () => {
  const port = await freePort()
  child = spawn(process.execPath, [CREST, 'sandbox', 'carrier', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout?.on('data', (d) => (out += d))
  child.stderr?.on('data', (d) => (out += d))
  await eventually(() => (out.includes('Sandbox carrier listening') ? true : undefined), 30_000, `the sandbox carrier to start:\n${out}`)
  carrierUrl = `http://127.0.0.1:${port}`
}, 40_000)
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
})

describe.each(engineKinds())('live carrier rates at checkout (%s)', (engine) => {
  let t: TestApp
  let payments: Awaited<ReturnType<typeof startSandboxPayments>>
  let variant: string

  beforeAll(async () => {
    payments = await startSandboxPayments({ port: 0 })
    t = await startTestApp({
      engine,
      seedProducts: 3,
      // the cache in Redis when the real engines run
      redis: engine === 'postgres',
      env: {
        PAYMENT_GATEWAYS: `sandbox=sandbox@${payments.url}`,
        CARRIERS: `sandbox=sandbox@${carrierUrl}`,
        LIVE_RATES: 'true',
        LIVE_RATES_TIMEOUT_MS: String(TIMEOUT_MS),
        SHIP_FROM_COUNTRY: 'DE',
      },
    })
    variant = await firstVariant(t)
  }, 60_000)
  afterAll(async () => {
    await configure({ latencyMs: 0, failureRate: 0, failNext: 0 })
    await t?.close()
    await payments?.close()
  })

  const newCart = async (quantity = 1) => {
    const cart = (await post(`${t.url}/store/carts`, { currency: 'EUR' })).body.cart
    const added = await post(`${t.url}/store/carts/${cart.id}/items`, { variant_id: variant, quantity })
    expect(added.status).toBe(200)
    return { id: cart.id as string, grams: added.body.cart.items[0].weight_grams * quantity }
  }
  const optionsFor = async (cartId: string, country: string) => {
    const started = Date.now()
    const r = await fetch(`${t.url}/store/carts/${cartId}/shipping-options?country=${country}`)
    expect(r.status).toBe(200)
    return { options: ((await r.json()) as { shipping_options: Option[] }).shipping_options, ms: Date.now() - started }
  }
  const checkout = (cartId: string, optionId: string, country = 'FR') =>
    post(`${t.url}/store/carts/${cartId}/checkout`, {
      email: 'rates@example.test',
      shipping_address: { name: 'Zoé', line1: '1 rue de Rivoli', city: 'Paris', postal_code: '75001', country },
      shipping_option_id: optionId,
      payment: { provider: 'sandbox', token: 'tok_ok' },
    })
  const carrierPrices = (to: string, grams: number) =>
    quoteRates({ from: 'DE', to, weightGrams: bandGrams(weightBandOf(grams)) }).map((r) => [r.service, r.amount])

  test("a cart is offered the carrier's live rates, and checkout charges the quoted one even with the carrier gone", async () => {
    const cart = await newCart()
    const { options } = await optionsFor(cart.id, 'FR')
    expect(options.every((o) => o.id.startsWith('rate_') && o.amount.currency === 'EUR')).toBe(true)
    expect(options.map((o) => [o.name.split(' ')[0]?.toLowerCase(), o.amount.amount])).toEqual(carrierPrices('FR', cart.grams))
    const express = options.find((o) => o.name.startsWith('Express')) as Option
    // the carrier now fails every call: checkout does not ask it again, it charges the stored quote
    await configure({ failNext: 1000 })
    try {
      const placed = await checkout(cart.id, express.id)
      expect(placed.status).toBe(201)
      expect(placed.body.order.shipping_total).toEqual(express.amount)
      expect(placed.body.order.shipping_option).toEqual({ id: express.id, name: express.name, amount: express.amount })
    } finally {
      await configure({ failNext: 0 })
    }
  })

  test('rates are cached per destination and weight band: a second cart gets them without the carrier', async () => {
    const first = await newCart()
    const live = (await optionsFor(first.id, 'IT')).options
    expect(live[0]?.id).toMatch(/^rate_/)
    await configure({ failNext: 1000 })
    try {
      const second = await newCart()
      const again = await optionsFor(second.id, 'IT')
      // the same prices, from the cache, as quotes of the second cart's own
      expect(again.options.map((o) => [o.name, o.amount])).toEqual(live.map((o) => [o.name, o.amount]))
      expect(again.options.every((o) => o.id.startsWith('rate_') && !live.some((l) => l.id === o.id))).toBe(true)
      // the first cart looking again is shown the quotes it already holds, not new ones
      expect((await optionsFor(first.id, 'IT')).options.map((o) => o.id)).toEqual(live.map((o) => o.id))
      // with REDIS_URL the rates sit in Redis, shared by every process
      const redis = t.engines.cache.redis
      if (redis) expect(await redis.keys(`${t.config.REDIS_PREFIX}live-rates:sandbox:DE:IT:*`)).toHaveLength(1)
    } finally {
      await configure({ failNext: 0 })
    }
  })

  test('an unknown, foreign, expired or outgrown quote is refused with a stable code and nothing is ordered', async () => {
    const cart = await newCart()
    const other = await newCart()
    const [mine] = (await optionsFor(cart.id, 'FR')).options as [Option]
    const [theirs] = (await optionsFor(other.id, 'FR')).options as [Option]
    const made = await checkout(cart.id, 'rate_00000000000000000000000000')
    expect(made.status).toBe(422)
    expect(made.body.error.code).toBe('invalid_request')
    const foreign = await checkout(cart.id, theirs.id)
    expect(foreign.status).toBe(422)
    expect(foreign.body.error.code).toBe('invalid_request')
    const elsewhere = await checkout(cart.id, mine.id, 'ES')
    expect(elsewhere.status).toBe(422)
    // time passes: the quote's expiry is behind us
    await t.engines.db.orm.execute(sql`update fulfillment.rate_quotes set expires_at = now() - interval '1 second' where id = ${mine.id}`)
    const expired = await checkout(cart.id, mine.id)
    expect(expired.status).toBe(409)
    expect(expired.body.error.code).toBe('shipping_quote_expired')
    // a fresh quote works until the cart grows into another weight band
    const [fresh] = (await optionsFor(cart.id, 'FR')).options as [Option]
    const item = (await (await fetch(`${t.url}/store/carts/${cart.id}`)).json()).cart.items[0]
    const perUnit = item.weight_grams as number
    const units = Math.ceil(1001 / Math.max(1, perUnit)) + 1
    expect(
      (
        await fetch(`${t.url}/store/carts/${cart.id}/items/${item.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ quantity: units }),
        })
      ).status,
    ).toBe(200)
    expect(weightBandOf(units * perUnit)).not.toBe(weightBandOf(perUnit))
    const outgrown = await checkout(cart.id, fresh.id)
    expect(outgrown.status).toBe(409)
    expect(outgrown.body.error.code).toBe('shipping_quote_expired')
    const orders = await queryRows<{ n: number }>(
      t.engines.db.orm,
      sql`select count(*)::int as n from orders.orders where cart_id = ${cart.id}`,
    )
    expect(orders[0]?.n).toBe(0)
    // listing again gives the new band's price, which checks out
    const [requoted] = (await optionsFor(cart.id, 'FR')).options as [Option]
    expect(requoted.amount.amount).toBe(carrierPrices('FR', units * perUnit)[0]?.[1])
    expect((await checkout(cart.id, requoted.id)).status).toBe(201)
  })

  test('a job prunes quotes a day after they expired, and only those', async () => {
    const quoteIds = async (cartId: string) =>
      ((await optionsFor(cartId, 'FR')).options as Option[]).map((o) => o.id).filter((id) => id.startsWith('rate_'))
    const cart = await newCart()
    const [old, recent] = await quoteIds(cart.id)
    const [live] = await quoteIds((await newCart()).id)
    expect([old, recent, live].every(Boolean)).toBe(true)
    await t.engines.db.orm.execute(sql`update fulfillment.rate_quotes set expires_at = now() - interval '25 hours' where id = ${old}`)
    await t.engines.db.orm.execute(sql`update fulfillment.rate_quotes set expires_at = now() - interval '23 hours' where id = ${recent}`)
    const prune = t.modules.processing.jobs.find((j) => j.name === 'fulfillment.prune-rate-quotes')
    expect(prune).toBeDefined()
    await prune?.run()
    const left = await queryRows<{ id: string }>(
      t.engines.db.orm,
      sql`select id from fulfillment.rate_quotes where id in (${old}, ${recent}, ${live})`,
    )
    expect(left.map((r) => r.id).sort()).toEqual([recent, live].sort())
    // a checkout with the recently expired one is still told why
    const expired = await checkout(cart.id, recent as string)
    expect(expired.status).toBe(409)
    expect(expired.body.error.code).toBe('shipping_quote_expired')
  })

  // last: the failures open the rate breaker, which then answers "no rates" at once for a while
  test('a slow or failing carrier: the zone options are offered within the timeout', async () => {
    await configure({ latencyMs: 5000 })
    try {
      const slow = await optionsFor((await newCart()).id, 'ES')
      expect(slow.options.length).toBeGreaterThan(0)
      expect(slow.options.every((o) => o.id.startsWith('ship_'))).toBe(true)
      expect(slow.ms).toBeLessThan(TIMEOUT_MS + 1500)
    } finally {
      await configure({ latencyMs: 0 })
    }
    await configure({ failureRate: 1 })
    try {
      for (const country of ['PT', 'NL', 'BE', 'AT']) {
        const down = await optionsFor((await newCart()).id, country)
        expect(down.options.every((o) => o.id.startsWith('ship_'))).toBe(true)
        expect(down.ms).toBeLessThan(TIMEOUT_MS + 1500)
      }
    } finally {
      await configure({ failureRate: 0 })
    }
    // a zone option offered as the fallback can be checked out at its price
    const cart = await newCart()
    await configure({ failureRate: 1 })
    let zone: Option
    try {
      zone = (await optionsFor(cart.id, 'FI')).options[0] as Option
    } finally {
      await configure({ failureRate: 0 })
    }
    const placed = await checkout(cart.id, zone.id, 'FI')
    expect(placed.status).toBe(201)
    expect(placed.body.order.shipping_total).toEqual(zone.amount)
  })
})
