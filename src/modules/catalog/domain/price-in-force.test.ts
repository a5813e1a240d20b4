import { expect, test } from 'vitest'
import { priceInForce } from './price-in-force.ts'

const eur = (amount: number) => ({ amount, currency: 'EUR' })

test('the regular price when no campaign runs', () => {
  expect(priceInForce(eur(5900), null)).toEqual({ price: eur(5900), compare_at_price: null })
})

test('a lower campaign price is charged, with the regular price to compare', () => {
  expect(priceInForce(eur(5900), eur(3900))).toEqual({ price: eur(3900), compare_at_price: eur(5900) })
})

test('a scheduled increase is charged but shows no misleading "was"', () => {
  expect(priceInForce(eur(5900), eur(6500))).toEqual({ price: eur(6500), compare_at_price: null })
})

test('no regular price in the currency: not sold in it, campaign or not', () => {
  expect(priceInForce(null, eur(3900))).toEqual({ price: null, compare_at_price: null })
})
