import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { advanceCursor, isAdmitted, positionOf, refreshSecondsFor, waitSecondsFor } from './admission-arithmetic.ts'

describe('the admission cursor', () => {
  test('grows by the rate per second, up to the last ticket issued', () => {
    const c0 = { value: 0, atMs: 0 }
    expect(advanceCursor(c0, 100, 1000, 4)).toEqual({ value: 4, atMs: 1000 })
    expect(advanceCursor(c0, 100, 250, 4)).toEqual({ value: 1, atMs: 250 })
    expect(advanceCursor(c0, 3, 10_000, 4)).toEqual({ value: 3, atMs: 10_000 })
  })

  test('an empty line stores no credit: after a quiet hour the next ticket still waits its 1/rate', () => {
    const idle = advanceCursor({ value: 10, atMs: 0 }, 10, 3600_000, 2)
    expect(idle.value).toBe(10)
    // ticket 11 is issued now; half a second later (rate 2/s) it is in, not before
    expect(isAdmitted(11, advanceCursor(idle, 11, 3600_000 + 499, 2).value)).toBe(false)
    expect(isAdmitted(11, advanceCursor(idle, 11, 3600_000 + 500, 2).value)).toBe(true)
  })

  test('a clock going back never moves the cursor back', () => {
    const c = { value: 7.5, atMs: 5000 }
    expect(advanceCursor(c, 100, 4000, 10)).toBe(c)
  })

  test('admitted count after any sequence of checks is the rate times the time, never more', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 50 }),
        (rate, steps) => {
          let c = { value: 0, atMs: 0 }
          let t = 0
          for (const dt of steps) {
            t += dt
            c = advanceCursor(c, Number.MAX_SAFE_INTEGER, t, rate)
          }
          expect(Math.floor(c.value)).toBeLessThanOrEqual(Math.floor((rate * t) / 1000 + 1e-6))
          expect(c.value).toBeGreaterThanOrEqual((rate * t) / 1000 - 1e-6)
        },
      ),
    )
  })

  test('tickets are let in strictly in order: if n is in, every earlier one is', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 1e6 }), (cursor, n) => {
        if (isAdmitted(n, cursor)) for (const m of [1, Math.max(1, n - 1), Math.ceil(n / 2)]) expect(isAdmitted(m, cursor)).toBe(true)
      }),
    )
  })
})

describe('what the shopper is told', () => {
  test('place and wait', () => {
    expect(positionOf(10, 4.7)).toBe(6)
    expect(positionOf(3, 4.7)).toBe(0)
    expect(waitSecondsFor(10, 4, 2)).toBe(3)
    expect(waitSecondsFor(4, 4.2, 2)).toBe(0)
    expect(waitSecondsFor(5, 4.5, 0.1)).toBe(5)
  })
  test('the page refreshes at about half the wait, within 1 s and the cap', () => {
    expect(refreshSecondsFor(0, 20)).toBe(1)
    expect(refreshSecondsFor(7, 20)).toBe(4)
    expect(refreshSecondsFor(3600, 20)).toBe(20)
  })
})
