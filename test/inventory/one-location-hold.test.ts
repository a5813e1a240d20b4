import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'

// An order of one variant is held in one statement when one location can serve it whole; these
// check that this quick path keeps the allocation rule and hands over to planning when it must.
describe.each(engineKinds())('holding an order of one variant on %s', (engine) => {
  let t: TestApp
  let variantId: string
  let locations: string[]
  let n = 0

  const stockAt = async (onHand: readonly number[]) => {
    for (const [i, id] of locations.entries()) await t.modules.inventory.setOnHand({ variantId, onHand: onHand[i] ?? 0, locationId: id })
  }
  const reserve = (lines: { variantId: string; quantity: number }[]) =>
    t.engines.db.orm.transaction(async (tx) =>
      t.modules.inventory.reserve(tx, { ref: `ord_one_${++n}`, lines, expiresAt: new Date(Date.now() + 60_000) }),
    )
  const reservedAt = async () => {
    const rows = await queryRows<{ location_id: string; reserved: number }>(
      t.engines.db.orm,
      sql`select location_id, reserved from inventory.stock_levels where variant_id = ${variantId}`,
    )
    return locations.map((id) => rows.find((r) => r.location_id === id)?.reserved ?? 0)
  }

  beforeAll(async () => {
    t = await startTestApp({ engine, seedProducts: 1, listen: false })
    const page = await t.modules.catalog.listProducts({ limit: 1, currency: 'EUR' })
    if (!page.ok) throw new Error('no products')
    variantId = page.value.products[0]?.variants[0]?.id as string
    locations = (await t.modules.inventory.listLocations()).filter((l) => l.serves_storefront).map((l) => l.id)
    if (locations.length < 2) throw new Error('the seed should have two storefront locations')
  })
  afterAll(() => t?.close())
  beforeEach(async () => {
    await t.engines.db.orm.execute(sql`delete from inventory.reservations where variant_id = ${variantId}`)
    await t.engines.db.orm.execute(sql`update inventory.stock_levels set reserved = 0 where variant_id = ${variantId}`)
  })

  test('takes the whole quantity from the location with most free units', async () => {
    await stockAt([3, 7])
    const r = await reserve([{ variantId, quantity: 2 }])
    expect(r.ok && r.value.reservations).toEqual([expect.objectContaining({ location_id: locations[1], quantity: 2 })])
    expect(await reservedAt()).toEqual([0, 2])
  })

  test('two lines of the same variant are held together', async () => {
    await stockAt([5, 0])
    const r = await reserve([
      { variantId, quantity: 2 },
      { variantId, quantity: 3 },
    ])
    expect(r.ok && r.value.reservations.map((x) => [x.location_id, x.quantity])).toEqual([[locations[0], 5]])
    expect(await reservedAt()).toEqual([5, 0])
  })

  test('splits across locations when none can serve it whole', async () => {
    await stockAt([3, 4])
    const r = await reserve([{ variantId, quantity: 6 }])
    expect(r.ok).toBe(true)
    expect(await reservedAt()).toEqual([2, 4])
  })

  test('refuses with the units free overall when all locations together fall short, writing nothing', async () => {
    await stockAt([3, 4])
    const r = await reserve([{ variantId, quantity: 8 }])
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: 'INVENTORY_INSUFFICIENT_STOCK',
        variants: [{ variant_id: variantId, requested: 8, available: 7 }],
      })
    expect(await reservedAt()).toEqual([0, 0])
    const rows = await queryRows<{ n: number }>(
      t.engines.db.orm,
      sql`select count(*)::int as n from inventory.reservations where variant_id = ${variantId}`,
    )
    expect(rows[0]?.n).toBe(0)
  })

  test('flags the variant as low when few units are left where it was held', async () => {
    await stockAt([1, 0])
    const r = await reserve([{ variantId, quantity: 1 }])
    expect(r.ok && r.value.lowStockVariantIds).toEqual([variantId])
  })
})
