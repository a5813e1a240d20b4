import { expect, test } from 'vitest'
import { isCountry, isWeight, laneOf, quoteRates } from './quote-rates.ts'

test('lanes: same country, both in the EU, anything else', () => {
  expect(laneOf('DE', 'DE')).toBe('domestic')
  expect(laneOf('DE', 'FR')).toBe('eu')
  expect(laneOf('DE', 'NO')).toBe('international')
  expect(laneOf('US', 'GB')).toBe('international')
})

test('base price for the first kilogram, a step for each further started one', () => {
  expect(quoteRates({ from: 'DE', to: 'DE', weightGrams: 1000 })).toEqual([
    { service: 'standard', amount: 490, currency: 'EUR', estimated_days: 2 },
    { service: 'express', amount: 990, currency: 'EUR', estimated_days: 1 },
  ])
  expect(quoteRates({ from: 'DE', to: 'FR', weightGrams: 2001 }).map((r) => r.amount)).toEqual([990 + 2 * 150, 1990 + 2 * 250])
})

test('a service is left out above its weight limit', () => {
  expect(quoteRates({ from: 'DE', to: 'US', weightGrams: 25_000 }).map((r) => r.service)).toEqual(['standard'])
  expect(quoteRates({ from: 'DE', to: 'US', weightGrams: 40_000 })).toEqual([])
})

test('input checks', () => {
  expect([isCountry('DE'), isCountry('de'), isCountry('DEU'), isCountry(1)]).toEqual([true, false, false, false])
  expect([isWeight(1), isWeight(0), isWeight(1.5), isWeight(70_001), isWeight('5')]).toEqual([true, false, false, false, false])
})
