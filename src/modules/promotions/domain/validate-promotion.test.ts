import { describe, expect, test } from 'vitest'
import type { NewPromotion } from '../contract.ts'
import { draftOf, mergePatch, validatePromotion } from './validate-promotion.ts'

const fieldOf = (i: NewPromotion) => {
  const r = validatePromotion(draftOf(i))
  return r.ok ? 'ok' : r.error.field
}
const pct: NewPromotion = { code: 'SPRING-10', name: 'Spring', kind: 'percentage', value: 1000 }

describe('validatePromotion', () => {
  test('normalises code, name and currency', () => {
    const r = validatePromotion(draftOf({ code: '  Save_5 ', name: ' Five off ', kind: 'fixed', value: 500, currency: 'eur' }))
    expect(r.ok && r.value).toMatchObject({ code: 'Save_5', name: 'Five off', currency: 'EUR', active: true, minSubtotal: 0 })
  })

  test('codes have 3–40 letters, digits, - or _', () => {
    expect(fieldOf({ ...pct, code: 'AB' })).toBe('code')
    expect(fieldOf({ ...pct, code: 'A'.repeat(41) })).toBe('code')
    expect(fieldOf({ ...pct, code: 'SPACE BAR' })).toBe('code')
    expect(fieldOf({ ...pct, code: 'A'.repeat(40) })).toBe('ok')
    expect(fieldOf({ ...pct, code: null })).toBe('ok')
    expect(fieldOf({ ...pct, code: '' })).toBe('ok') // empty means automatic
  })

  test('percentages are 1..10000 basis points', () => {
    expect(fieldOf({ ...pct, value: 10_000 })).toBe('ok')
    expect(fieldOf({ ...pct, value: 10_001 })).toBe('value')
    expect(fieldOf({ ...pct, value: 0 })).toBe('value')
    expect(fieldOf({ ...pct, value: 12.5 })).toBe('value')
  })

  test('fixed discounts need a positive value and their currency', () => {
    expect(fieldOf({ name: 'x', kind: 'fixed', value: 500 })).toBe('currency')
    expect(fieldOf({ name: 'x', kind: 'fixed', value: 0, currency: 'EUR' })).toBe('value')
    expect(fieldOf({ name: 'x', kind: 'fixed', value: 500, currency: 'XYZ' })).toBe('currency')
  })

  test('free shipping takes no value', () => {
    expect(fieldOf({ name: 'x', kind: 'free_shipping' })).toBe('ok')
    expect(fieldOf({ name: 'x', kind: 'free_shipping', value: 100 })).toBe('value')
  })

  test('a minimum subtotal needs a currency', () => {
    expect(fieldOf({ ...pct, min_subtotal: 5000 })).toBe('currency')
    expect(fieldOf({ ...pct, min_subtotal: 5000, currency: 'NOK' })).toBe('ok')
    expect(fieldOf({ ...pct, min_subtotal: -1, currency: 'NOK' })).toBe('min_subtotal')
  })

  test('the window must end after it starts; limits are 1 or more', () => {
    const t = new Date('2025-01-01T00:00:00Z')
    expect(fieldOf({ ...pct, starts_at: t, ends_at: t })).toBe('ends_at')
    expect(fieldOf({ ...pct, starts_at: t, ends_at: new Date(t.getTime() + 1) })).toBe('ok')
    expect(fieldOf({ ...pct, usage_limit: 0 })).toBe('usage_limit')
    expect(fieldOf({ ...pct, per_customer_limit: 0 })).toBe('per_customer_limit')
    expect(fieldOf({ ...pct, name: '  ' })).toBe('name')
  })

  test('a patch changes only the fields it names, null clears', () => {
    const d = draftOf({ ...pct, usage_limit: 5, ends_at: new Date('2030-01-01T00:00:00Z') })
    const merged = mergePatch(d, { active: false, usage_limit: null })
    expect(merged).toEqual({ ...d, active: false, usageLimit: null })
    expect(mergePatch(d, { ends_at: null }).endsAt).toBeNull()
  })
})
