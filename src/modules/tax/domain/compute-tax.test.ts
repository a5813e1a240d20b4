import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { taxOf } from './compute-tax.ts'

describe('taxOf', () => {
  test('exclusive: the tax to add on top', () => {
    expect(taxOf({ amount: 10_000, rateBp: 2500, inclusive: false })).toBe(2500)
    expect(taxOf({ amount: 1999, rateBp: 2500, inclusive: false })).toBe(500) // 499.75
    expect(taxOf({ amount: 1002, rateBp: 2500, inclusive: false })).toBe(251) // 250.5 → 251 (half up)
    expect(taxOf({ amount: 1001, rateBp: 2500, inclusive: false })).toBe(250) // 250.25
  })

  test('inclusive: the tax contained in a gross amount', () => {
    expect(taxOf({ amount: 12_500, rateBp: 2500, inclusive: true })).toBe(2500)
    expect(taxOf({ amount: 11_900, rateBp: 1900, inclusive: true })).toBe(1900)
    expect(taxOf({ amount: 1999, rateBp: 2500, inclusive: true })).toBe(400) // 399.8
    expect(taxOf({ amount: 25, rateBp: 2500, inclusive: true })).toBe(5) // exactly 5
    expect(taxOf({ amount: 1, rateBp: 2500, inclusive: true })).toBe(0) // 0.2
    expect(taxOf({ amount: 9995, rateBp: 2550, inclusive: true })).toBe(2031) // 2030.86…
  })

  test('half-way cases round up in both modes', () => {
    expect(taxOf({ amount: 1, rateBp: 5000, inclusive: false })).toBe(1) // 0.5
    expect(taxOf({ amount: 3, rateBp: 10_000, inclusive: true })).toBe(2) // 1.5
  })

  test('a zero rate or a zero amount is no tax', () => {
    expect(taxOf({ amount: 12_345, rateBp: 0, inclusive: true })).toBe(0)
    expect(taxOf({ amount: 0, rateBp: 2500, inclusive: false })).toBe(0)
  })

  test('negative amounts (refunds) mirror positive ones', () => {
    expect(taxOf({ amount: -1002, rateBp: 2500, inclusive: false })).toBe(-251)
    expect(taxOf({ amount: -1999, rateBp: 2500, inclusive: true })).toBe(-400)
  })

  test('exact for large amounts', () => {
    expect(taxOf({ amount: 9_007_199_254_740_000, rateBp: 2500, inclusive: false })).toBe(2_251_799_813_685_000)
  })

  test('refuses fractions of minor units and negative rates', () => {
    expect(() => taxOf({ amount: 10.5, rateBp: 2500, inclusive: false })).toThrow(RangeError)
    expect(() => taxOf({ amount: 10, rateBp: -1, inclusive: false })).toThrow(RangeError)
  })

  test('property: inclusive tax plus net is the gross, and exclusive tax of the net is within a unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (gross, rateBp) => {
        const tax = taxOf({ amount: gross, rateBp, inclusive: true })
        expect(tax).toBeGreaterThanOrEqual(0)
        expect(tax).toBeLessThanOrEqual(gross)
        const onNet = taxOf({ amount: gross - tax, rateBp, inclusive: false })
        expect(Math.abs(onNet - tax)).toBeLessThanOrEqual(1)
      }),
    )
  })
})
