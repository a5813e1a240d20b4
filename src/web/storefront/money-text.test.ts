import { expect, test } from 'vitest'
import { decimalAmount, toMajorText, toMinorUnits } from './money-text.ts'

test('decimalAmount renders minor units as a decimal string without floats', () => {
  expect(decimalAmount({ amount: 5900, currency: 'EUR' })).toBe('59.00')
  expect(decimalAmount({ amount: 5, currency: 'EUR' })).toBe('0.05')
  expect(decimalAmount({ amount: 129999, currency: 'SEK' })).toBe('1299.99')
  expect(decimalAmount({ amount: 1500, currency: 'JPY' })).toBe('1500')
})

test('toMinorUnits converts major-unit input', () => {
  expect(toMinorUnits('12', 'EUR')).toBe(1200)
  expect(toMinorUnits('12.5', 'EUR')).toBe(1250)
  expect(toMinorUnits(' 0.07 ', 'EUR')).toBe(7)
  expect(toMinorUnits('12.', 'EUR')).toBe(1200)
  expect(toMinorUnits('9999999.99', 'EUR')).toBe(999_999_999)
})

test('toMinorUnits rejects malformed, negative, too precise and too large input', () => {
  for (const bad of ['', 'abc', '-1', '1e3', '1.234', '12,50', '10000000', '0x10', 'Infinity']) {
    expect(toMinorUnits(bad, 'EUR')).toBeNull()
  }
})

test('toMajorText round-trips for the filter form', () => {
  expect(toMajorText(1250, 'EUR')).toBe('12.50')
  expect(toMinorUnits(toMajorText(1250, 'EUR'), 'EUR')).toBe(1250)
})
