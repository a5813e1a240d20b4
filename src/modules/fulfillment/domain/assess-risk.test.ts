import { expect, test } from 'vitest'
import { assessRisk, type RiskRules } from './assess-risk.ts'

const off: RiskRules = { holdAbove: 0, allowedCountries: [], maxOrdersPerEmailHour: 0 }
const order = { total: 50_000, currency: 'EUR', shippingCountry: 'NO', earlierOrdersByEmail: 10 }

test('with every rule off nothing is held', () => {
  expect(assessRisk(off, order)).toEqual([])
})

test('a total above the limit is held; at the limit it is not', () => {
  expect(assessRisk({ ...off, holdAbove: 49_999 }, order).map((r) => r.code)).toEqual(['total_above_limit'])
  expect(assessRisk({ ...off, holdAbove: 50_000 }, order)).toEqual([])
  expect(assessRisk({ ...off, holdAbove: 10_000 }, order)[0]?.message).toBe('The total €500.00 is above €100.00.')
})

test('a country outside the allowed list is held', () => {
  expect(assessRisk({ ...off, allowedCountries: ['SE', 'DK'] }, order).map((r) => r.code)).toEqual(['country_not_allowed'])
  expect(assessRisk({ ...off, allowedCountries: ['SE', 'NO'] }, { ...order, shippingCountry: 'no' })).toEqual([])
})

test('more orders per e-mail in an hour than allowed are held, this one counted', () => {
  expect(assessRisk({ ...off, maxOrdersPerEmailHour: 11 }, order)).toEqual([])
  expect(assessRisk({ ...off, maxOrdersPerEmailHour: 10 }, order).map((r) => r.code)).toEqual(['email_velocity'])
  expect(assessRisk({ ...off, maxOrdersPerEmailHour: 1 }, { ...order, earlierOrdersByEmail: 0 })).toEqual([])
})

test('every reason is given', () => {
  const rules = { holdAbove: 1, allowedCountries: ['SE'], maxOrdersPerEmailHour: 1 }
  expect(assessRisk(rules, order).map((r) => r.code)).toEqual(['total_above_limit', 'country_not_allowed', 'email_velocity'])
})
