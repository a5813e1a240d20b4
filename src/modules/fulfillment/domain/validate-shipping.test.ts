import { describe, expect, test } from 'vitest'
import type { NewShippingOption } from '../contract.ts'
import { validateOption, validateZone } from './validate-shipping.ts'

describe('validateZone', () => {
  test('normalises country codes', () => {
    expect(validateZone({ name: ' Nordics ', countries: ['no', 'SE ', 'NO'] })).toEqual({
      ok: true,
      value: { name: 'Nordics', countries: ['NO', 'SE'] },
    })
  })

  test('refuses empty lists, unknown shapes and "*" mixed with countries', () => {
    const fieldOf = (countries: string[]) => {
      const r = validateZone({ name: 'Z', countries })
      return r.ok ? 'ok' : r.error.message
    }
    expect(fieldOf([])).toMatch(/at least one/)
    expect(fieldOf(['NOR'])).toMatch(/"NOR" is not/)
    expect(fieldOf(['*', 'NO'])).toMatch(/stands alone/)
    expect(fieldOf(['*'])).toBe('ok')
  })
})

describe('validateOption', () => {
  const std: NewShippingOption = { zone_id: 'zone_1', name: 'Standard', kind: 'flat', currency: 'eur', amount: 590, free_above: 5000 }
  const fieldOf = (o: NewShippingOption) => {
    const r = validateOption(o)
    return r.ok ? 'ok' : r.error.field
  }

  test('fills defaults and upper-cases the currency', () => {
    expect(validateOption(std)).toEqual({
      ok: true,
      value: { zoneId: 'zone_1', name: 'Standard', kind: 'flat', currency: 'EUR', amount: 590, perKg: 0, freeAbove: 5000, position: 0 },
    })
  })

  test('names the field at fault', () => {
    expect(fieldOf({ ...std, currency: 'XYZ' })).toBe('currency')
    expect(fieldOf({ ...std, amount: -1 })).toBe('amount')
    expect(fieldOf({ ...std, amount: 5.9 })).toBe('amount')
    expect(fieldOf({ ...std, per_kg: 100 })).toBe('per_kg')
    expect(fieldOf({ ...std, kind: 'weight', per_kg: 100 })).toBe('ok')
    expect(fieldOf({ ...std, free_above: -5 })).toBe('free_above')
    expect(fieldOf({ ...std, name: '' })).toBe('name')
  })
})
