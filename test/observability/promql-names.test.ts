import { expect, test } from 'vitest'
import { promqlUse } from './promql-names.ts'

test('finds metric names in selectors, range vectors, functions, binary ops and __name__ matchers', () => {
  const u = promqlUse(
    'sum by (route) (rate(a_total{x="1"}[5m])) / on() group_left max(b_seconds) > 0.5 and {__name__="c_bytes", y=~"z"} unless histogram_quantile(0.99, sum by (le) (rate(d_bucket[5m])))',
  )
  expect(u.errors).toEqual([])
  expect([...u.metrics].sort()).toEqual(['a_total', 'b_seconds', 'c_bytes', 'd_bucket'])
  expect(u.matchers).toContainEqual({ metric: 'a_total', labels: ['x'] })
  expect(u.matchers).toContainEqual({ metric: 'c_bytes', labels: ['y'] })
  expect(u.groupings).toContainEqual({ labels: ['route'], metrics: ['a_total'] })
  expect(u.groupings).toContainEqual({ labels: ['le'], metrics: ['d_bucket'] })
})

test('function names, label names and strings are not metrics', () => {
  const u = promqlUse('label_replace(rate(x_total{job="rate"}[1m]), "dst", "$1", "src", "(.*)")')
  expect(u.metrics).toEqual(['x_total'])
})

test('reports syntax errors', () => {
  expect(promqlUse('sum(rate(x_total[5m])').errors.length).toBeGreaterThan(0)
  expect(promqlUse('x_total{a=}').errors.length).toBeGreaterThan(0)
})
