import { expect, test } from 'vitest'
import { bandGrams, weightBandOf } from './weight-band.ts'

test('parcels are banded by started kilogram and priced at the top of their band', () => {
  expect([0, 1, 999, 1000, 1001, 2500].map(weightBandOf)).toEqual([1, 1, 1, 1, 2, 3])
  expect(bandGrams(weightBandOf(1001))).toBe(2000)
})
