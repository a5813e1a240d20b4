import fc from 'fast-check'
import { expect, test } from 'vitest'
import { computeTotals } from './compute-totals.ts'

const base = { discountTotal: 0, shipping: 0, freeShipping: false, taxRateBp: 0, taxInclusive: true }

test('sums lines, subtracts discount, adds shipping', () => {
  const t = computeTotals({
    ...base,
    lines: [
      { unitPrice: 1999, quantity: 2 },
      { unitPrice: 500, quantity: 1 },
    ],
    discountTotal: 450,
    shipping: 590,
  })
  expect(t).toEqual({ subtotal: 4498, discountTotal: 450, shippingTotal: 590, taxTotal: 0, total: 4638 })
})

test('tax included in prices: 25% VAT contained in 125.00 is 25.00', () => {
  expect(computeTotals({ ...base, lines: [{ unitPrice: 12500, quantity: 1 }], taxRateBp: 2500 }).taxTotal).toBe(2500)
  expect(computeTotals({ ...base, lines: [{ unitPrice: 12500, quantity: 1 }], taxRateBp: 2500 }).total).toBe(12500)
})

test('tax on top of prices: 8.875% of 10.00 rounds half up', () => {
  const t = computeTotals({ ...base, lines: [{ unitPrice: 1000, quantity: 1 }], taxRateBp: 888, taxInclusive: false })
  expect(t.taxTotal).toBe(89)
  expect(t.total).toBe(1089)
})

test('free shipping and a discount larger than the subtotal never go negative', () => {
  const t = computeTotals({ ...base, lines: [{ unitPrice: 1000, quantity: 1 }], discountTotal: 5000, shipping: 700, freeShipping: true })
  expect(t).toEqual({ subtotal: 1000, discountTotal: 1000, shippingTotal: 0, taxTotal: 0, total: 0 })
})

test('totals are integers and add up, whatever the input', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ unitPrice: fc.integer({ min: 0, max: 1_000_000 }), quantity: fc.integer({ min: 1, max: 50 }) }), {
        maxLength: 20,
      }),
      fc.integer({ min: 0, max: 2_000_000 }),
      fc.integer({ min: 0, max: 10_000 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 3000 }),
      fc.boolean(),
      (lines, discountTotal, shipping, freeShipping, taxRateBp, taxInclusive) => {
        const t = computeTotals({ lines, discountTotal, shipping, freeShipping, taxRateBp, taxInclusive })
        for (const v of Object.values(t)) expect(Number.isSafeInteger(v) && v >= 0).toBe(true)
        const net = t.subtotal - t.discountTotal + t.shippingTotal
        expect(t.total).toBe(taxInclusive ? net : net + t.taxTotal)
        expect(t.taxTotal).toBeLessThanOrEqual(taxInclusive ? net : Math.ceil((net * taxRateBp) / 10_000) + 1)
      },
    ),
  )
})
