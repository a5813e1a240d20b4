import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { checkout, firstVariant, post } from './shop.ts'

/**
 * Random interleavings of the commands that move stock (buy, declined buy, staff cancel, a
 * reservation that expires, admin stock changes) over 3 variants × 2 locations with small stock.
 * After every step the inventory invariants are checked in the database:
 *  - 0 ≤ reserved ≤ on_hand at every stock level;
 *  - reserved = Σ quantity of the level's active + committed reservations;
 *  - units sold (placed orders) never exceed units received, per variant (a model kept here);
 *  - and the answers agree with the model: a buy succeeds exactly when enough units are free.
 */

const VARIANTS = 3
const LOCATIONS = 2

type Cmd =
  | { kind: 'buy'; v: number; q: number; token: 'tok_ok' | 'tok_declined' }
  | { kind: 'cancel'; pick: number }
  | { kind: 'expire'; v: number; q: number }
  | { kind: 'setStock'; v: number; loc: number; onHand: number }

const variantIx = fc.integer({ min: 0, max: VARIANTS - 1 })
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      v: variantIx,
      q: fc.integer({ min: 1, max: 3 }),
      token: fc.constant('tok_ok' as const),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      v: variantIx,
      q: fc.integer({ min: 1, max: 3 }),
      token: fc.constant('tok_declined' as const),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('expire' as const), v: variantIx, q: fc.integer({ min: 1, max: 3 }) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('setStock' as const),
      v: variantIx,
      loc: fc.integer({ min: 0, max: LOCATIONS - 1 }),
      onHand: fc.integer({ min: 0, max: 4 }),
    }),
    weight: 2,
  },
)
const initialStock = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: VARIANTS * LOCATIONS, maxLength: VARIANTS * LOCATIONS })

describe('pglite: random interleavings keep the inventory invariants', () => {
  let t: TestApp
  let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
  let token: string
  let variants: string[]
  let locations: string[]
  const leftovers: string[] = [] // placed orders of earlier runs, canceled before the next run
  beforeAll(async () => {
    sandbox = await startSandboxPayments({ port: 0 })
    t = await startTestApp({
      engine: 'pglite',
      seedProducts: 5,
      env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`, STOCK_EXACT_BELOW: '1000' },
    })
    token = await staffToken(t)
    variants = await Promise.all(Array.from({ length: VARIANTS }, (_, i) => firstVariant(t, i)))
    expect(new Set(variants).size).toBe(VARIANTS)
    locations = (await t.modules.inventory.listLocations())
      .filter((l) => l.serves_storefront)
      .map((l) => l.id)
      .slice(0, LOCATIONS)
    expect(locations.length).toBe(LOCATIONS)
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await sandbox?.close()
  })

  const level = async (variantId: string, locationId: string) => {
    const [row] = await queryRows<{ on_hand: number; reserved: number }>(
      t.engines.db.orm,
      sql`select on_hand, reserved from inventory.stock_levels where variant_id = ${variantId} and location_id = ${locationId}`,
    )
    return row ?? { on_hand: 0, reserved: 0 }
  }
  const freeOf = async (variantId: string) => {
    let free = 0
    for (const l of locations) {
      const s = await level(variantId, l)
      free += s.on_hand - s.reserved
    }
    return free
  }

  const checkInvariants = async (step: string, received: number[], placed: Map<string, { v: number; q: number }>) => {
    const db = t.engines.db.orm
    const [bad] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from inventory.stock_levels where reserved < 0 or reserved > on_hand`,
    )
    expect(bad?.n, `${step}: 0 <= reserved <= on_hand`).toBe(0)
    const drift = await queryRows<{ variant_id: string; location_id: string; reserved: number; held: number }>(
      db,
      sql`select s.variant_id, s.location_id, s.reserved, coalesce(sum(r.quantity), 0)::int as held
          from inventory.stock_levels s
          left join inventory.reservations r on r.variant_id = s.variant_id and r.location_id = s.location_id and r.status in ('active', 'committed')
          group by s.variant_id, s.location_id, s.reserved
          having s.reserved <> coalesce(sum(r.quantity), 0)`,
    )
    expect(drift, `${step}: reserved equals the active + committed reservations`).toEqual([])
    const sold = await queryRows<{ variant_id: string; units: number }>(
      db,
      sql`select i.variant_id, sum(i.quantity)::int as units from orders.orders o join orders.items i on i.order_id = o.id
          where o.status = 'placed' group by i.variant_id`,
    )
    for (const [v, id] of variants.entries()) {
      const units = sold.find((s) => s.variant_id === id)?.units ?? 0
      const expected = [...placed.values()].filter((p) => p.v === v).reduce((n, p) => n + p.q, 0)
      expect(units, `${step}: placed units of variant ${v} match the model`).toBe(expected)
      expect(units, `${step}: units sold of variant ${v} <= units received ${received[v]}`).toBeLessThanOrEqual(received[v] as number)
    }
  }

  test('reserve / pay / decline / cancel / expire / restock in any order', async () => {
    let runs = 0
    const seen: Record<string, number> = {}
    const note = (what: string) => {
      seen[what] = (seen[what] ?? 0) + 1
    }
    const started = Date.now()
    await fc.assert(
      fc.asyncProperty(initialStock, fc.array(cmd, { minLength: 3, maxLength: 12 }), async (initial, cmds) => {
        runs++
        // a fresh scenario: earlier runs' orders are canceled, then the stock is set from scratch
        for (const id of leftovers.splice(0)) {
          const r = await t.modules.checkout.cancelOrder(id, 'property reset')
          if (!r.ok) throw new Error(`reset cancel ${id}: ${r.error.message}`)
        }
        const received = Array.from({ length: VARIANTS }, () => 0)
        for (const [v, id] of variants.entries()) {
          for (const [l, loc] of locations.entries()) {
            const units = initial[v * LOCATIONS + l] as number
            const r = await t.modules.inventory.setOnHand({ variantId: id, locationId: loc, onHand: units })
            if (!r.ok) throw new Error(`reset stock: ${r.error.message}`)
            received[v] = (received[v] as number) + units
          }
        }
        const placed = new Map<string, { v: number; q: number }>()
        try {
          await checkInvariants('reset', received, placed)
          for (const [i, c] of cmds.entries()) {
            const step = `step ${i} ${JSON.stringify(c)}`
            if (c.kind === 'buy') {
              const id = variants[c.v] as string
              const free = await freeOf(id)
              const cart = (await post(`${t.url}/store/carts`, {})).body.cart
              const added = await post(`${t.url}/store/carts/${cart.id}/items`, { variant_id: id, quantity: c.q })
              if (added.status !== 200) {
                note('add refused')
                expect(added.status, `${step}: ${JSON.stringify(added.body)}`).toBe(409)
                expect(free, `${step}: add to cart refused with ${free} free`).toBeLessThan(c.q)
              } else {
                const options = await (await fetch(`${t.url}/store/carts/${cart.id}/shipping-options?country=NO`)).json()
                const r = await checkout(t, { cartId: cart.id, shippingOptionId: options.shipping_options[0].id }, c.token)
                note(`checkout ${r.status}`)
                if (free < c.q) {
                  expect(r.status, `${step}: ${free} free: ${JSON.stringify(r.body)}`).toBe(409)
                  expect(r.body.error.code).toBe('out_of_stock')
                } else if (c.token === 'tok_declined') {
                  expect(r.status, `${step}: ${JSON.stringify(r.body)}`).toBe(402)
                  expect(r.body.error.code).toBe('payment_declined')
                } else {
                  expect(r.status, `${step}: ${free} free: ${JSON.stringify(r.body)}`).toBe(201)
                  placed.set(r.body.order.id, { v: c.v, q: c.q })
                }
                expect(await freeOf(id), `${step}: free units after`).toBe(r.status === 201 ? free - c.q : free)
              }
            } else if (c.kind === 'cancel') {
              const ids = [...placed.keys()]
              if (ids.length > 0) {
                const id = ids[c.pick % ids.length] as string
                const p = placed.get(id) as { v: number; q: number }
                const free = await freeOf(variants[p.v] as string)
                const r = await post(`${t.url}/admin/orders/${id}/cancel`, { note: 'property' }, { authorization: `Bearer ${token}` })
                expect(r.status, `${step}: ${JSON.stringify(r.body)}`).toBe(200)
                expect(r.body.order.status).toBe('canceled')
                placed.delete(id)
                note('canceled')
                expect(await freeOf(variants[p.v] as string), `${step}: cancel gives the units back`).toBe(free + p.q)
              }
            } else if (c.kind === 'expire') {
              const id = variants[c.v] as string
              const free = await freeOf(id)
              const ref = `exp_${randomUUID()}`
              const held = await t.engines.db.orm.transaction((tx) =>
                t.modules.inventory.reserve(tx, {
                  ref,
                  lines: [{ variantId: id, quantity: c.q }],
                  expiresAt: new Date(Date.now() - 60_000),
                }),
              )
              expect(held.ok, `${step}: reserve with ${free} free`).toBe(free >= c.q)
              note(held.ok ? 'expired reservation' : 'expiry reserve refused')
              await checkInvariants(`${step} (reserved, not yet expired)`, received, placed)
              await t.modules.checkout.releaseExpired()
              const left = await t.modules.inventory.listReservations(ref)
              expect(
                left.every((r) => r.status === 'released'),
                `${step}: ${JSON.stringify(left)}`,
              ).toBe(true)
              expect(await freeOf(id), `${step}: expiry gives the units back`).toBe(free)
            } else {
              const id = variants[c.v] as string
              const loc = locations[c.loc] as string
              const before = await level(id, loc)
              const r = await t.modules.inventory.setOnHand({ variantId: id, locationId: loc, onHand: c.onHand })
              expect(r.ok, `${step}: set ${c.onHand} with ${before.reserved} reserved`).toBe(c.onHand >= before.reserved)
              note(r.ok ? 'stock set' : 'stock set refused')
              if (r.ok) received[c.v] = (received[c.v] as number) + Math.max(0, c.onHand - before.on_hand)
            }
            await checkInvariants(step, received, placed)
          }
        } finally {
          leftovers.push(...placed.keys())
        }
      }),
      { numRuns: 40, interruptAfterTimeLimit: 50_000, markInterruptAsFailure: false },
    )
    expect(runs).toBeGreaterThanOrEqual(10)
    console.log(`property: ${runs} runs in ${Date.now() - started} ms`, seen)
  }, 90_000)
})
