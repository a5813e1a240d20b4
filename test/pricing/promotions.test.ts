import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { NewPromotion, Promotion, PromotionsApi } from '../../src/modules/promotions/index.ts'
import { applyDiscounts } from '../../src/modules/promotions/index.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { type manualClock, promotionsOn, redeemInOwnTransaction } from './pricing-fixtures.ts'

type Db = Awaited<ReturnType<typeof createTestDatabase>>

describe.each(engineKinds())('promotions on %s', (engine) => {
  let db: Db
  let promotions: PromotionsApi
  let clock: ReturnType<typeof manualClock>
  const create = async (p: NewPromotion): Promise<Promotion> => {
    const r = await promotions.createPromotion(p)
    if (!r.ok) throw new Error(r.error.message)
    return r.value
  }
  const counters = async (id: string) =>
    (await queryRows<{ times_used: number }>(db.orm, sql`select times_used from promotions.promotions where id = ${id}`))[0]?.times_used

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    ;({ promotions, clock } = promotionsOn(db))
  })
  afterAll(() => db?.close())

  test('creates, lists newest first with a cursor, and refuses a code taken in another case', async () => {
    const a = await create({ code: 'LIST-A', name: 'A', kind: 'percentage', value: 1000 })
    const b = await create({ code: 'List-B', name: 'B', kind: 'fixed', value: 500, currency: 'eur' })
    expect(b).toMatchObject({ code: 'List-B', currency: 'EUR', times_used: 0, active: true, usage_limit: null })
    const taken = await promotions.createPromotion({ code: 'list-a', name: 'again', kind: 'percentage', value: 500 })
    expect(taken).toMatchObject({ ok: false, error: { code: 'PROMOTIONS_CODE_TAKEN', promo_code: 'list-a' } })
    const page1 = await promotions.listPromotions({ limit: 1 })
    expect(page1.promotions.map((p) => p.id)).toEqual([b.id])
    const page2 = await promotions.listPromotions({ limit: 100, cursor: page1.next_cursor ?? '' })
    expect(page2.promotions.map((p) => p.id)).toContain(a.id)
    expect(page2.next_cursor).toBeNull()
  })

  test('refuses invalid settings with the field at fault', async () => {
    const r = await promotions.createPromotion({ name: 'no currency', kind: 'fixed', value: 500 })
    expect(r).toMatchObject({ ok: false, error: { code: 'PROMOTIONS_INVALID_INPUT', field: 'currency' } })
  })

  test('findApplicable explains why a code cannot be used', async () => {
    await create({ code: 'OFF', name: 'Off', kind: 'percentage', value: 1000, active: false })
    await create({ code: 'LATER', name: 'Later', kind: 'percentage', value: 1000, starts_at: new Date('2025-07-01T00:00:00Z') })
    await create({ code: 'GONE', name: 'Gone', kind: 'percentage', value: 1000, ends_at: new Date('2025-06-01T00:00:00Z') })
    await create({ code: 'BIG-ORDERS', name: 'Big', kind: 'fixed', value: 1000, currency: 'EUR', min_subtotal: 5000 })
    const reason = async (code: string, currency = 'EUR', subtotal = 4000) => {
      const r = await promotions.findApplicable({ code, currency, subtotal })
      return r.ok ? 'ok' : `${r.error.reason}: ${r.error.message}`
    }
    expect(await reason('NOPE')).toBe('unknown: There is no discount code "NOPE".')
    expect(await reason('off')).toMatch(/^inactive/)
    expect(await reason('LATER')).toMatch(/^not_started/)
    expect(await reason('GONE')).toMatch(/^expired/)
    expect(await reason('big-orders', 'USD', 9000)).toBe('wrong_currency: The code "BIG-ORDERS" applies to EUR orders only.')
    expect(await reason('BIG-ORDERS')).toBe(
      'below_minimum: The code "BIG-ORDERS" needs a subtotal of at least €50.00; add €10.00 more to use it.',
    )
    expect(await reason('BIG-ORDERS', 'EUR', 5000)).toBe('ok')
    clock.set('2025-07-01T00:00:00Z')
    expect(await reason('LATER')).toBe('ok')
    clock.set('2025-06-01T12:00:00Z')
  })

  test('automatic promotions come with the code, only while they apply', async () => {
    const auto = await create({ code: null, name: 'Summer free shipping', kind: 'free_shipping', currency: 'NOK', min_subtotal: 50_000 })
    await create({ code: null, name: 'Paused', kind: 'percentage', value: 500, active: false })
    const coded = await create({ code: 'NOK-TEN', name: 'Ten', kind: 'percentage', value: 1000 })
    const below = await promotions.findApplicable({ code: 'nok-ten', currency: 'NOK', subtotal: 10_000 })
    expect(below.ok && below.value.map((a) => a.promotionId)).toEqual([coded.id])
    const above = await promotions.findApplicable({ code: 'NOK-TEN', currency: 'NOK', subtotal: 60_000 })
    expect(above.ok && above.value).toEqual([
      { promotionId: coded.id, code: 'NOK-TEN', name: 'Ten', kind: 'percentage', value: 1000, currency: null },
      { promotionId: auto.id, code: null, name: 'Summer free shipping', kind: 'free_shipping', value: 0, currency: 'NOK' },
    ])
    const noCode = await promotions.findApplicable({ currency: 'NOK', subtotal: 60_000 })
    expect(noCode.ok && noCode.value.map((a) => a.promotionId)).toEqual([auto.id])
    const d = applyDiscounts({ subtotal: 60_000, shipping: 6900, applied: above.ok ? above.value : [] })
    expect(d).toMatchObject({ discountTotal: 6000, freeShipping: true, shippingDiscount: 6900 })
  })

  test('redeem counts once per order, release gives the use back once, per-customer limits by e-mail', async () => {
    const p = await create({ code: 'ONCE-EACH', name: 'Once', kind: 'percentage', value: 1500, usage_limit: 5, per_customer_limit: 1 })
    const applied = [{ promotionId: p.id, amount: 150 }]
    expect(await redeemInOwnTransaction(db, promotions, { orderId: 'ord_1', email: 'Ada@Example.com', applied })).toEqual({
      ok: true,
      value: null,
    })
    expect(await redeemInOwnTransaction(db, promotions, { orderId: 'ord_1', email: 'ada@example.com', applied })).toEqual({
      ok: true,
      value: null,
    })
    expect(await counters(p.id)).toBe(1)
    const second = await redeemInOwnTransaction(db, promotions, { orderId: 'ord_2', email: ' ADA@example.com ', applied })
    expect(second).toMatchObject({ ok: false, error: { code: 'PROMOTIONS_LIMIT_REACHED', promotionId: p.id, scope: 'customer' } })
    expect(await counters(p.id)).toBe(1) // the rolled-back transaction counted nothing
    const seen = await promotions.findApplicable({ code: 'ONCE-EACH', currency: 'EUR', subtotal: 1000, email: 'ada@example.com' })
    expect(seen).toMatchObject({ ok: false, error: { reason: 'customer_used_up' } })

    expect(await promotions.releaseRedemptions({ orderId: 'ord_1' })).toEqual({ released: 1 })
    expect(await promotions.releaseRedemptions({ orderId: 'ord_1' })).toEqual({ released: 0 })
    expect(await counters(p.id)).toBe(0)
    expect(await redeemInOwnTransaction(db, promotions, { orderId: 'ord_2', email: 'ada@example.com', applied })).toEqual({
      ok: true,
      value: null,
    })
    expect(await counters(p.id)).toBe(1)
  })

  test('redeem refuses an inactive or used-up promotion and leaves nothing behind after the rollback', async () => {
    const a = await create({ code: 'STACK-A', name: 'A', kind: 'fixed', value: 100, currency: 'EUR' })
    const b = await create({ code: 'STACK-B', name: 'B', kind: 'fixed', value: 100, currency: 'EUR', usage_limit: 1 })
    expect(
      (await redeemInOwnTransaction(db, promotions, { orderId: 'ord_s1', email: 'x@y.z', applied: [{ promotionId: b.id, amount: 100 }] }))
        .ok,
    ).toBe(true)
    const r = await redeemInOwnTransaction(db, promotions, {
      orderId: 'ord_s2',
      email: 'x@y.z',
      applied: [
        { promotionId: a.id, amount: 100 },
        { promotionId: b.id, amount: 100 },
      ],
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'PROMOTIONS_LIMIT_REACHED', promotionId: b.id, scope: 'total' } })
    expect(await counters(a.id)).toBe(0)
    expect(await promotions.releaseRedemptions({ orderId: 'ord_s2' })).toEqual({ released: 0 })
    await promotions.updatePromotion(a.id, { active: false })
    const off = await redeemInOwnTransaction(db, promotions, {
      orderId: 'ord_s3',
      email: 'x@y.z',
      applied: [{ promotionId: a.id, amount: 100 }],
    })
    expect(off).toMatchObject({ ok: false, error: { code: 'PROMOTIONS_LIMIT_REACHED', promotionId: a.id } })
  })

  test('updatePromotion changes window and limits, never below the uses so far', async () => {
    const p = await create({ code: 'EDIT-ME', name: 'Edit', kind: 'percentage', value: 1000, usage_limit: 3 })
    await redeemInOwnTransaction(db, promotions, { orderId: 'ord_e1', email: 'a@b.c', applied: [{ promotionId: p.id, amount: 1 }] })
    await redeemInOwnTransaction(db, promotions, { orderId: 'ord_e2', email: 'a@b.c', applied: [{ promotionId: p.id, amount: 1 }] })
    const low = await promotions.updatePromotion(p.id, { usage_limit: 1 })
    expect(low).toMatchObject({ ok: false, error: { code: 'PROMOTIONS_INVALID_INPUT', field: 'usage_limit' } })
    const ends = new Date('2025-12-31T23:00:00Z')
    const r = await promotions.updatePromotion(p.id, { usage_limit: 2, ends_at: ends, active: false })
    expect(r).toMatchObject({
      ok: true,
      value: { usage_limit: 2, ends_at: ends.toISOString(), active: false, times_used: 2, name: 'Edit' },
    })
    const bad = await promotions.updatePromotion(p.id, { starts_at: new Date('2026-01-01T00:00:00Z') })
    expect(bad).toMatchObject({ ok: false, error: { field: 'ends_at' } })
    expect(await promotions.updatePromotion('promo_missing', { active: true })).toMatchObject({
      ok: false,
      error: { code: 'PROMOTIONS_NOT_FOUND' },
    })
  })
})
