import { describe, expect, test } from 'vitest'
import { charmPrice, convertPrice, pricesFromEur } from './pricing.ts'

describe('charmPrice', () => {
  test('keeps the ending and lands on the nearest such price', () => {
    expect(charmPrice(49, 90)).toBe(4890)
    expect(charmPrice(54.89, 90)).toBe(5490)
    expect(charmPrice(12, 99)).toBe(1199)
  })

  test('round prices snap to multiples of 5', () => {
    expect(charmPrice(47, 0)).toBe(4500)
    expect(charmPrice(48, 0)).toBe(5000)
    expect(charmPrice(1, 0)).toBe(500)
  })
})

describe('convertPrice', () => {
  test('USD and GBP keep the EUR ending', () => {
    expect(convertPrice(4990, 'USD', 90)).toBe(5390)
    expect(convertPrice(4990, 'GBP', 90)).toBe(4290)
  })

  test('NOK and SEK are whole units ending in 9, or 0 for round EUR prices', () => {
    expect(convertPrice(4990, 'NOK', 90)).toBe(56900)
    expect(convertPrice(4990, 'SEK', 90)).toBe(55900)
    expect(convertPrice(5000, 'NOK', 0)).toBe(58000)
  })

  test('pricesFromEur gives one Money per supported currency', () => {
    expect(pricesFromEur(990, 90).map((m) => `${m.amount} ${m.currency}`)).toEqual([
      '990 EUR',
      '1090 USD',
      '890 GBP',
      '10900 NOK',
      '10900 SEK',
    ])
  })
})
