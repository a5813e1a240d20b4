import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { PromotionKind } from '../contract.ts'
import { applyDiscounts, percentOf } from './apply-discounts.ts'

const promo = (promotionId: string, kind: PromotionKind, value: number, code: string | null = null) => ({
  promotionId,
  code,
  name: promotionId,
  kind,
  value,
})

describe('percentOf', () => {
  test('rounds half up to whole minor units', () => {
    expect(percentOf(1005, 1000)).toBe(101) // 100.5 → 101
    expect(percentOf(1004, 1000)).toBe(100) // 100.4 → 100
    expect(percentOf(999, 1250)).toBe(125) // 124.875 → 125
    expect(percentOf(1, 5000)).toBe(1) // 0.5 → 1
    expect(percentOf(1, 4999)).toBe(0)
  })

  test('stays exact for amounts where floating point would not', () => {
    expect(percentOf(9_007_199_254_740_991, 10_000)).toBe(9_007_199_254_740_991)
    expect(percentOf(9_007_199_254_740_991, 5000)).toBe(4_503_599_627_370_496)
  })
})

describe('applyDiscounts', () => {
  test('no promotions: no discount', () => {
    expect(applyDiscounts({ subtotal: 5000, shipping: 500, applied: [] })).toEqual({
      discountTotal: 0,
      freeShipping: false,
      shippingDiscount: 0,
      lines: [],
    })
  })

  test('a percentage is taken off the subtotal, rounded half up', () => {
    const r = applyDiscounts({ subtotal: 1995, shipping: 0, applied: [promo('p1', 'percentage', 1000, 'TEN')] })
    expect(r.discountTotal).toBe(200) // 199.5 → 200
    expect(r.lines).toEqual([{ promotionId: 'p1', code: 'TEN', name: 'p1', amount: 200 }])
  })

  test('a fixed amount is capped at the remaining subtotal', () => {
    const r = applyDiscounts({ subtotal: 3000, shipping: 0, applied: [promo('p1', 'fixed', 5000)] })
    expect(r.discountTotal).toBe(3000)
    expect(r.lines[0]?.amount).toBe(3000)
  })

  test('percentages go first (of the undiscounted subtotal), then fixed amounts', () => {
    const r = applyDiscounts({
      subtotal: 10_000,
      shipping: 0,
      applied: [promo('a-fixed', 'fixed', 1500), promo('z-pct', 'percentage', 2000), promo('m-pct', 'percentage', 1000)],
    })
    expect(r.lines.map((l) => [l.promotionId, l.amount])).toEqual([
      ['m-pct', 1000],
      ['z-pct', 2000],
      ['a-fixed', 1500],
    ])
    expect(r.discountTotal).toBe(4500)
  })

  test('the order does not depend on the order the promotions came in', () => {
    const applied = [promo('b', 'fixed', 700), promo('a', 'fixed', 700), promo('c', 'percentage', 5000)]
    const one = applyDiscounts({ subtotal: 2000, shipping: 0, applied })
    const two = applyDiscounts({ subtotal: 2000, shipping: 0, applied: [...applied].reverse() })
    expect(one).toEqual(two)
    expect(one.lines.map((l) => [l.promotionId, l.amount])).toEqual([
      ['c', 1000],
      ['a', 700],
      ['b', 300],
    ])
  })

  test('stacked percentages above 100% stop at the subtotal, later lines get 0', () => {
    const r = applyDiscounts({
      subtotal: 999,
      shipping: 0,
      applied: [promo('a', 'percentage', 6000), promo('b', 'percentage', 6000), promo('c', 'fixed', 100)],
    })
    expect(r.lines.map((l) => l.amount)).toEqual([599, 400, 0])
    expect(r.discountTotal).toBe(999)
  })

  test('free shipping sets the flag and waives the shipping once, without touching the subtotal', () => {
    const r = applyDiscounts({
      subtotal: 4000,
      shipping: 590,
      applied: [promo('s2', 'free_shipping', 0), promo('s1', 'free_shipping', 0, 'SHIP')],
    })
    expect(r).toEqual({
      discountTotal: 0,
      freeShipping: true,
      shippingDiscount: 590,
      lines: [
        { promotionId: 's1', code: 'SHIP', name: 's1', amount: 590 },
        { promotionId: 's2', code: null, name: 's2', amount: 0 },
      ],
    })
  })

  test('a zero subtotal gives zero discounts', () => {
    const r = applyDiscounts({ subtotal: 0, shipping: 0, applied: [promo('a', 'percentage', 1000), promo('b', 'fixed', 500)] })
    expect(r.discountTotal).toBe(0)
    expect(r.lines.map((l) => l.amount)).toEqual([0, 0])
  })

  test('refuses amounts that are not whole minor units', () => {
    expect(() => applyDiscounts({ subtotal: 10.5, shipping: 0, applied: [] })).toThrow(RangeError)
    expect(() => applyDiscounts({ subtotal: 100, shipping: -1, applied: [] })).toThrow(RangeError)
  })

  test('property: never below zero, lines sum to the totals, all integers', () => {
    const kind = fc.constantFrom<PromotionKind>('percentage', 'fixed', 'free_shipping')
    const applied = fc.array(fc.record({ id: fc.string({ maxLength: 4 }), kind, value: fc.integer({ min: 0, max: 20_000 }) }), {
      maxLength: 6,
    })
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100_000 }), applied, (subtotal, shipping, ps) => {
        const r = applyDiscounts({ subtotal, shipping, applied: ps.map((p, i) => promo(`${p.id}${i}`, p.kind, p.value)) })
        const sum = r.lines.reduce((s, l) => s + l.amount, 0)
        expect(r.discountTotal).toBeGreaterThanOrEqual(0)
        expect(r.discountTotal).toBeLessThanOrEqual(subtotal)
        expect(sum).toBe(r.discountTotal + r.shippingDiscount)
        for (const l of r.lines) expect(Number.isSafeInteger(l.amount) && l.amount >= 0).toBe(true)
      }),
    )
  })
})
