import { expect, test } from 'vitest'
import { DEFAULT_RATES } from './default-rates.ts'
import { normalizeRate } from './normalize-rate.ts'

test('country and region codes are upper-cased and trimmed', () => {
  expect(normalizeRate({ country: ' us', region: 'ca ', rateBp: 725 })).toEqual({
    ok: true,
    value: { country: 'US', region: 'CA', rate_bp: 725 },
  })
  expect(normalizeRate({ country: 'no', rateBp: 2500, name: ' MVA ' })).toEqual({
    ok: true,
    value: { country: 'NO', region: '', rate_bp: 2500, name: 'MVA' },
  })
})

test('bad input names the field', () => {
  const fieldOf = (r: ReturnType<typeof normalizeRate>) => (r.ok ? 'ok' : r.error.field)
  expect(fieldOf(normalizeRate({ country: 'NOR', rateBp: 2500 }))).toBe('country')
  expect(fieldOf(normalizeRate({ country: 'US', region: 'C A', rateBp: 725 }))).toBe('region')
  expect(fieldOf(normalizeRate({ country: 'NO', rateBp: 10_001 }))).toBe('rate_bp')
  expect(fieldOf(normalizeRate({ country: 'NO', rateBp: 12.5 }))).toBe('rate_bp')
})

test('the default rates are valid and have one row per place', () => {
  for (const r of DEFAULT_RATES)
    expect(normalizeRate({ country: r.country, region: r.region, rateBp: r.rate_bp, name: r.name }).ok).toBe(true)
  expect(new Set(DEFAULT_RATES.map((r) => `${r.country}/${r.region}`)).size).toBe(DEFAULT_RATES.length)
})
