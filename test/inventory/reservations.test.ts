import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'

describe.each(engineKinds())('stock reservations on %s', (engine) => {
  let t: TestApp
  let variantId: string
  const levels = async () =>
    queryRows<{ location_id: string; on_hand: number; reserved: number }>(
      t.engines.db.orm,
      sql`select location_id, on_hand, reserved from inventory.stock_levels where variant_id = ${variantId} order by location_id`,
    )
  const reserve = (ref: string, quantity: number, expiresAt = new Date(Date.now() + 60_000)) =>
    t.engines.db.orm
      .transaction(async (tx) => {
        const r = await t.modules.inventory.reserve(tx, { ref, lines: [{ variantId, quantity }], expiresAt })
        if (!r.ok) tx.rollback()
        return r
      })
      .catch(() => ({ ok: false as const }))

  beforeAll(async () => {
    t = await startTestApp({ engine, seedProducts: 1, listen: false })
    await staffToken(t)
    const page = await t.modules.catalog.listProducts({ limit: 1, currency: 'EUR' })
    if (!page.ok) throw new Error('no products')
    variantId = page.value.products[0]?.variants[0]?.id as string
    const locations = await t.modules.inventory.listLocations()
    for (const l of locations) await t.modules.inventory.setOnHand({ variantId, onHand: 0, locationId: l.id })
    await t.modules.inventory.setOnHand({ variantId, onHand: 30, locationId: locations[0]?.id as string })
    await t.modules.inventory.setOnHand({ variantId, onHand: 20, locationId: locations[1]?.id as string })
  })
  afterAll(() => t?.close())

  test('200 concurrent buyers for 50 units: exactly 50 reserved, never more', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => reserve(`ord_race_${i}`, 1)))
    expect(results.filter((r) => r.ok).length).toBe(50)
    const l = await levels()
    expect(l.reduce((n, x) => n + x.reserved, 0)).toBe(50)
    for (const x of l) expect(x.reserved).toBeLessThanOrEqual(x.on_hand)
  })

  test('release gives units back once; expired reservations are released by the job', async () => {
    const before = (await levels()).reduce((n, x) => n + x.reserved, 0)
    await t.modules.inventory.release({ ref: 'ord_race_0' })
    await t.modules.inventory.release({ ref: 'ord_race_0' })
    await t.modules.inventory.release({ ref: 'ord_race_1' })
    const after = (await levels()).reduce((n, x) => n + x.reserved, 0)
    expect(after).toBe(before - 2)
    const r = await reserve('ord_expiring', 2, new Date(Date.now() - 1000))
    expect(r.ok).toBe(true)
    const job = await t.modules.inventory.releaseExpired({ limit: 100 })
    expect(job.refs).toContain('ord_expiring')
    expect((await levels()).reduce((n, x) => n + x.reserved, 0)).toBe(after)
    await t.modules.inventory.commit({ ref: 'ord_race_2' })
    expect((await t.modules.inventory.listReservations('ord_race_2'))[0]?.status).toBe('committed')
  })
})
