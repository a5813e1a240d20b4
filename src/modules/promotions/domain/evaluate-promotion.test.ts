import { describe, expect, test } from 'vitest'
import { type EvaluationContext, evaluatePromotion, type PromotionRule, unknownCode } from './evaluate-promotion.ts'

const now = new Date('2025-06-15T12:00:00Z')
const rule = (over: Partial<PromotionRule> = {}): PromotionRule => ({
  code: 'SUMMER',
  active: true,
  currency: null,
  minSubtotal: 0,
  startsAt: null,
  endsAt: null,
  usageLimit: null,
  timesUsed: 0,
  perCustomerLimit: null,
  ...over,
})
const ctx: EvaluationContext = { currency: 'EUR', subtotal: 10_000, now }
const reasonOf = (p: PromotionRule, c = ctx) => {
  const r = evaluatePromotion(p, c)
  return r.ok ? 'ok' : r.error.reason
}

describe('evaluatePromotion', () => {
  test('an active promotion without limits applies', () => {
    expect(evaluatePromotion(rule(), ctx)).toEqual({ ok: true, value: null })
  })

  test('an inactive promotion does not apply', () => {
    expect(reasonOf(rule({ active: false }))).toBe('inactive')
  })

  test('the window includes its start and excludes its end', () => {
    expect(reasonOf(rule({ startsAt: now }))).toBe('ok')
    expect(reasonOf(rule({ startsAt: new Date(now.getTime() + 1) }))).toBe('not_started')
    expect(reasonOf(rule({ endsAt: new Date(now.getTime() + 1) }))).toBe('ok')
    expect(reasonOf(rule({ endsAt: now }))).toBe('expired')
  })

  test('a promotion with a currency applies to that currency only', () => {
    expect(reasonOf(rule({ currency: 'EUR' }))).toBe('ok')
    const r = evaluatePromotion(rule({ currency: 'NOK' }), ctx)
    expect(r.ok ? null : r.error.message).toBe('The code "SUMMER" applies to NOK orders only.')
  })

  test('a used-up promotion does not apply', () => {
    expect(reasonOf(rule({ usageLimit: 10, timesUsed: 9 }))).toBe('ok')
    expect(reasonOf(rule({ usageLimit: 10, timesUsed: 10 }))).toBe('used_up')
  })

  test('the per-customer limit is checked only when the customer is known', () => {
    expect(reasonOf(rule({ perCustomerLimit: 1 }))).toBe('ok')
    expect(reasonOf(rule({ perCustomerLimit: 1 }), { ...ctx, customerUses: 0 })).toBe('ok')
    expect(reasonOf(rule({ perCustomerLimit: 1 }), { ...ctx, customerUses: 1 })).toBe('customer_used_up')
  })

  test('below the minimum subtotal the message names the minimum and what is missing', () => {
    const r = evaluatePromotion(rule({ currency: 'EUR', minSubtotal: 5000 }), { ...ctx, subtotal: 4250 })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toMatchObject({ code: 'PROMOTIONS_INVALID_CODE', reason: 'below_minimum', min_subtotal: 5000, currency: 'EUR' })
    expect(r.error.message).toBe('The code "SUMMER" needs a subtotal of at least €50.00; add €7.50 more to use it.')
    expect(reasonOf(rule({ currency: 'EUR', minSubtotal: 5000 }), { ...ctx, subtotal: 5000 })).toBe('ok')
  })

  test('automatic promotions are described without a code', () => {
    const r = evaluatePromotion(rule({ code: null, active: false }), ctx)
    expect(r.ok ? null : r.error.message).toBe('This promotion is not active.')
  })

  test('the first broken rule wins: inactive before expired before currency', () => {
    expect(reasonOf(rule({ active: false, endsAt: now, currency: 'USD' }))).toBe('inactive')
    expect(reasonOf(rule({ endsAt: now, currency: 'USD' }))).toBe('expired')
  })

  test('unknown codes are reported with the code as typed', () => {
    expect(unknownCode('nope')).toEqual({
      code: 'PROMOTIONS_INVALID_CODE',
      reason: 'unknown',
      message: 'There is no discount code "nope".',
    })
  })
})
