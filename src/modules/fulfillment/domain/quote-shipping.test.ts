import { describe, expect, test } from 'vitest'
import { type OptionRule, priceOf, quoteShipping, startedKilos, zoneFor } from './quote-shipping.ts'

const option = (over: Partial<OptionRule> = {}): OptionRule => ({
  id: 'ship_a',
  name: 'Standard',
  kind: 'flat',
  currency: 'EUR',
  amount: 590,
  perKg: 0,
  freeAbove: null,
  position: 0,
  ...over,
})
const cart = { subtotal: 2000, weightGrams: 1500 }

describe('zoneFor', () => {
  const nordics = { id: 'zone_1', countries: ['NO', 'SE'] }
  const world = { id: 'zone_0', countries: ['*'] }

  test('the zone naming the country wins over the rest of the world', () => {
    expect(zoneFor([world, nordics], 'NO')).toBe(nordics)
    expect(zoneFor([world, nordics], 'BR')).toBe(world)
  })

  test('no zone at all serves a country no zone names when there is no rest of world', () => {
    expect(zoneFor([nordics], 'BR')).toBeNull()
  })

  test('two zones naming the same country: the lowest id wins, whatever the order', () => {
    const other = { id: 'zone_2', countries: ['NO'] }
    expect(zoneFor([other, nordics], 'NO')).toBe(nordics)
    expect(zoneFor([nordics, other], 'NO')).toBe(nordics)
  })
})

describe('priceOf', () => {
  test('every started kilogram counts', () => {
    expect([0, 1, 999, 1000, 1001, 2500].map(startedKilos)).toEqual([0, 1, 1, 1, 2, 3])
  })

  test('flat is the amount whatever the weight', () => {
    expect(priceOf(option(), { subtotal: 100, weightGrams: 25_000 })).toBe(590)
  })

  test('weight is amount plus per_kg per started kilogram', () => {
    const express = option({ kind: 'weight', amount: 1490, perKg: 200 })
    expect(priceOf(express, { subtotal: 100, weightGrams: 0 })).toBe(1490)
    expect(priceOf(express, { subtotal: 100, weightGrams: 1000 })).toBe(1690)
    expect(priceOf(express, { subtotal: 100, weightGrams: 1001 })).toBe(1890)
  })

  test('free from free_above on (inclusive)', () => {
    const std = option({ freeAbove: 5000 })
    expect(priceOf(std, { subtotal: 4999, weightGrams: 0 })).toBe(590)
    expect(priceOf(std, { subtotal: 5000, weightGrams: 0 })).toBe(0)
    expect(priceOf(option({ kind: 'weight', perKg: 100, freeAbove: 0 }), cart)).toBe(0)
  })

  test('refuses negative or fractional measures', () => {
    expect(() => priceOf(option(), { subtotal: -1, weightGrams: 0 })).toThrow(RangeError)
    expect(() => priceOf(option(), { subtotal: 1, weightGrams: 0.5 })).toThrow(RangeError)
  })
})

describe('quoteShipping', () => {
  test('only options in the currency, by position then id', () => {
    const options = [
      option({ id: 'ship_c', name: 'Express', kind: 'weight', amount: 1490, perKg: 200, position: 1 }),
      option({ id: 'ship_b', name: 'Standard', position: 0 }),
      option({ id: 'ship_a', name: 'Standard NOK', currency: 'NOK', amount: 6900 }),
      option({ id: 'ship_0', name: 'Pickup', amount: 0, position: 1 }),
    ]
    expect(quoteShipping(options, { ...cart, currency: 'EUR' })).toEqual([
      { id: 'ship_b', name: 'Standard', amount: 590, currency: 'EUR' },
      { id: 'ship_0', name: 'Pickup', amount: 0, currency: 'EUR' },
      { id: 'ship_c', name: 'Express', amount: 1890, currency: 'EUR' },
    ])
    expect(quoteShipping(options, { ...cart, currency: 'USD' })).toEqual([])
  })
})
