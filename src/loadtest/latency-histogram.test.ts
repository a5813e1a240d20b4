import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { bucketOf, bucketUpperMs, createHistogram, figures, merge, percentile, record } from './latency-histogram.ts'

const exact = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.max(0, Math.ceil(q * s.length) - 1)] as number
}

describe('latency histogram', () => {
  test('every value lies in its bucket, and buckets are at most 2 % wide', () => {
    for (const ms of [0.2, 1, 7.5, 100, 499.9, 12_345]) {
      const b = bucketOf(ms)
      expect(ms).toBeLessThanOrEqual(bucketUpperMs(b) * (1 + 1e-12))
      expect(ms).toBeGreaterThan(bucketUpperMs(b - 1) * (1 - 1e-12))
      expect(bucketUpperMs(b) / bucketUpperMs(b - 1)).toBeCloseTo(1.02)
    }
  })

  test('percentiles are within 2 % of the exact nearest-rank value (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.2, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(0.5, 0.95, 0.99, 1),
        (xs, q) => {
          const h = createHistogram()
          for (const x of xs) record(h, x)
          const truth = exact(xs, q)
          const got = percentile(h, q)
          expect(got).toBeGreaterThanOrEqual(truth * (1 - 1e-9))
          expect(got).toBeLessThanOrEqual(truth * 1.02 + 1e-9)
        },
      ),
    )
  })

  test('p99 of 1..1000 ms is about 990 ms, p50 about 500 ms; max and mean are exact', () => {
    const h = createHistogram()
    for (let i = 1; i <= 1000; i++) record(h, i)
    const f = figures(h)
    expect(f.count).toBe(1000)
    expect(f.p50).toBeGreaterThanOrEqual(500)
    expect(f.p50).toBeLessThanOrEqual(510)
    expect(f.p99).toBeGreaterThanOrEqual(990)
    expect(f.p99).toBeLessThanOrEqual(1000)
    expect(f.max).toBe(1000)
    expect(f.mean).toBe(500.5)
  })

  test('merging two histograms equals recording everything into one', () => {
    const a = createHistogram()
    const b = createHistogram()
    const all = createHistogram()
    for (let i = 0; i < 300; i++) {
      const x = (i * 37) % 911
      record(i % 2 ? a : b, x)
      record(all, x)
    }
    const m = merge(merge(createHistogram(), a), b)
    expect(figures(m)).toEqual(figures(all))
  })

  test('an empty histogram reads as zeros', () => {
    expect(figures(createHistogram())).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 })
  })
})
