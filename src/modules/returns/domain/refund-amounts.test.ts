import fc from 'fast-check'
import { expect, test } from 'vitest'
import { lineShares, unitsRefund } from './refund-amounts.ts'

test('goods total (total less shipping) is spread by line value, summing exactly', () => {
  // 3 × 1000 and 1 × 500, 10 % discount (350), shipping 490: goods paid 3150
  const shares = lineShares({
    total: 3640,
    shippingTotal: 490,
    lines: [
      { id: 'a', quantity: 3, total: 3000 },
      { id: 'b', quantity: 1, total: 500 },
    ],
  })
  expect(shares.get('a')).toBe(2700)
  expect(shares.get('b')).toBe(450)
})

test('tax added on top is refunded pro-rata with the goods', () => {
  // subtotal 1000, 25 % tax added (250), shipping 100
  const shares = lineShares({ total: 1350, shippingTotal: 100, lines: [{ id: 'a', quantity: 2, total: 1000 }] })
  expect(shares.get('a')).toBe(1250)
  expect(unitsRefund({ share: 1250, quantity: 2 }, 0, 1)).toBe(625)
})

test('odd cents go to the largest remainders; units are cut cumulatively', () => {
  const shares = lineShares({
    total: 100,
    shippingTotal: 0,
    lines: [
      { id: 'a', quantity: 3, total: 100 },
      { id: 'b', quantity: 1, total: 100 },
      { id: 'c', quantity: 1, total: 100 },
    ],
  })
  expect([...shares.values()].reduce((s, v) => s + v, 0)).toBe(100)
  expect(shares.get('a')).toBe(34) // ties broken by id: a gets the extra cent
  expect([
    unitsRefund({ share: 34, quantity: 3 }, 0, 1),
    unitsRefund({ share: 34, quantity: 3 }, 1, 1),
    unitsRefund({ share: 34, quantity: 3 }, 2, 1),
  ]).toEqual([11, 11, 12])
})

test('nothing is refunded for no units, and a free order refunds nothing', () => {
  expect(unitsRefund({ share: 500, quantity: 2 }, 0, 0)).toBe(0)
  expect(lineShares({ total: 0, shippingTotal: 0, lines: [{ id: 'a', quantity: 1, total: 0 }] }).get('a')).toBe(0)
})

test('property: returning every unit in any split refunds exactly the goods total, never more', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 9 }), unit: fc.integer({ min: 1, max: 100_000 }) }), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.integer({ min: 0, max: 50_000 }),
      fc.integer({ min: 0, max: 2_000 }),
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 20 }),
      (lines, discount, shipping, cuts) => {
        const priced = lines.map((l, i) => ({ id: `l${i}`, quantity: l.quantity, total: l.quantity * l.unit }))
        const goods = Math.max(0, priced.reduce((s, l) => s + l.total, 0) - discount)
        const shares = lineShares({ total: goods + shipping, shippingTotal: shipping, lines: priced })
        let refunded = 0
        for (const l of priced) {
          let done = 0
          for (const c of cuts) {
            const q = Math.min(c, l.quantity - done)
            if (q <= 0) break
            refunded += unitsRefund({ share: shares.get(l.id) ?? 0, quantity: l.quantity }, done, q)
            done += q
          }
          if (done < l.quantity) refunded += unitsRefund({ share: shares.get(l.id) ?? 0, quantity: l.quantity }, done, l.quantity - done)
        }
        expect(refunded).toBe(goods)
      },
    ),
  )
})
