import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PromotionsApi } from '../../src/modules/promotions/index.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { promotionsOn, redeemInOwnTransaction } from './pricing-fixtures.ts'

type Db = Awaited<ReturnType<typeof createTestDatabase>>

/** The usage limits hold under concurrency: each redeem runs in its own transaction, all at once. */
describe.each(engineKinds())('promotion limits under concurrency on %s', (engine) => {
  let db: Db
  let promotions: PromotionsApi
  const state = async (id: string) => {
    const [p] = await queryRows<{ times_used: number }>(db.orm, sql`select times_used from promotions.promotions where id = ${id}`)
    const [r] = await queryRows<{ held: number; released: number }>(
      db.orm,
      sql`
      select count(*) filter (where status = 'held')::int as held, count(*) filter (where status = 'released')::int as released
      from promotions.redemptions where promotion_id = ${id}`,
    )
    return { timesUsed: p?.times_used, ...r }
  }
  const newPromotion = async (o: { code: string; usage_limit?: number; per_customer_limit?: number }) => {
    const r = await promotions.createPromotion({ name: o.code, kind: 'percentage', value: 1000, ...o })
    if (!r.ok) throw new Error(r.error.message)
    return r.value.id
  }

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    ;({ promotions } = promotionsOn(db))
  })
  afterAll(() => db?.close())

  test('50 concurrent redeems against usage_limit 10 succeed exactly 10 times', async () => {
    const id = await newPromotion({ code: 'FLASH-10', usage_limit: 10 })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        redeemInOwnTransaction(db, promotions, {
          orderId: `ord_c${i}`,
          email: `buyer${i}@example.com`,
          applied: [{ promotionId: id, amount: 100 }],
        }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(10)
    for (const r of results.filter((x) => !x.ok))
      expect(r).toMatchObject({ error: { code: 'PROMOTIONS_LIMIT_REACHED', promotionId: id, scope: 'total' } })
    expect(await state(id)).toEqual({ timesUsed: 10, held: 10, released: 0 })
  })

  test('20 concurrent redeems by one e-mail against per_customer_limit 1 succeed once', async () => {
    const id = await newPromotion({ code: 'ONE-EACH', per_customer_limit: 1 })
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        redeemInOwnTransaction(db, promotions, {
          orderId: `ord_p${i}`,
          email: i % 2 ? 'Same@Example.com' : 'same@example.com ',
          applied: [{ promotionId: id, amount: 100 }],
        }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    for (const r of results.filter((x) => !x.ok))
      expect(r).toMatchObject({ error: { code: 'PROMOTIONS_LIMIT_REACHED', scope: 'customer' } })
    expect(await state(id)).toEqual({ timesUsed: 1, held: 1, released: 0 })
    const [usage] = await queryRows<{ used: number }>(db.orm, sql`select used from promotions.customer_usage where promotion_id = ${id}`)
    expect(usage?.used).toBe(1)
  })

  test('releasing twice, or concurrently, gives each use back exactly once', async () => {
    const id = await newPromotion({ code: 'GIVE-BACK', usage_limit: 3, per_customer_limit: 5 })
    for (const n of [1, 2, 3]) {
      const r = await redeemInOwnTransaction(db, promotions, {
        orderId: `ord_r${n}`,
        email: 'r@example.com',
        applied: [{ promotionId: id, amount: 100 }],
      })
      expect(r.ok).toBe(true)
    }
    expect((await promotions.releaseRedemptions({ orderId: 'ord_r1' })).released).toBe(1)
    expect((await promotions.releaseRedemptions({ orderId: 'ord_r1' })).released).toBe(0)
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => db.orm.transaction((tx) => promotions.releaseRedemptions({ orderId: 'ord_r2' }, tx))),
    )
    expect(racing.reduce((s, r) => s + r.released, 0)).toBe(1)
    expect(await state(id)).toEqual({ timesUsed: 1, held: 1, released: 2 })
    const [usage] = await queryRows<{ used: number }>(db.orm, sql`select used from promotions.customer_usage where promotion_id = ${id}`)
    expect(usage?.used).toBe(1)
    // the uses given back can be taken again, up to the limit and no further
    const again = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        redeemInOwnTransaction(db, promotions, {
          orderId: `ord_ra${i}`,
          email: `ra${i}@example.com`,
          applied: [{ promotionId: id, amount: 100 }],
        }),
      ),
    )
    expect(again.filter((r) => r.ok)).toHaveLength(2)
    expect((await state(id)).timesUsed).toBe(3)
  })
})
