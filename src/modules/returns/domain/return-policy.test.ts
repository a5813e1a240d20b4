import { expect, test } from 'vitest'
import { approvesItself, type OrderFacts, planReturn, type RequestFacts, type ReturnPolicy, windowClosesAt } from './return-policy.ts'

const policy: ReturnPolicy = { windowDays: 30, windowFrom: 'delivery', nonReturnableCategories: ['cat_gift'], autoApproveBelow: 0 }

const order: OrderFacts = {
  id: 'ord_1',
  status: 'completed',
  fulfillmentStatus: 'fulfilled',
  placedAt: '2026-01-01T10:00:00.000Z',
  deliveredAt: '2026-01-05T10:00:00.000Z',
  total: 3490,
  shippingTotal: 490,
  items: [
    { id: 'oi_a', variantId: 'var_a', quantity: 2, unitPrice: 1000, total: 2000 },
    { id: 'oi_b', variantId: 'var_b', quantity: 1, unitPrice: 1000, total: 1000 },
  ],
}

const facts = (o: Partial<RequestFacts> = {}): RequestFacts => ({
  order,
  lines: [{ itemId: 'oi_a', quantity: 1, reason: 'too small' }],
  alreadyReturned: new Map(),
  categoriesOf: new Map([['var_b', ['cat_gift']]]),
  replacementPrices: new Map([
    ['var_a2', 1000],
    ['var_dear', 1500],
  ]),
  now: new Date('2026-01-20T00:00:00.000Z'),
  ...o,
})

const codeOf = (f: RequestFacts, p: ReturnPolicy = policy) => {
  const r = planReturn(p, f)
  return r.ok ? 'ok' : r.error.code
}

test('a line inside the window gets its share of the goods paid', () => {
  const r = planReturn(policy, facts())
  expect(r).toEqual({ ok: true, value: [{ itemId: 'oi_a', quantity: 1, reason: 'too small', variantId: 'var_a', refundAmount: 1000 }] })
})

test('the window counts from delivery (open until delivered) or from placement', () => {
  expect(windowClosesAt(policy, order)?.toISOString()).toBe('2026-02-04T10:00:00.000Z')
  expect(windowClosesAt(policy, { ...order, deliveredAt: null })).toBeNull()
  expect(codeOf(facts({ now: new Date('2026-02-04T10:00:01.000Z') }))).toBe('RETURNS_WINDOW_CLOSED')
  expect(codeOf(facts({ order: { ...order, deliveredAt: null, status: 'placed' }, now: new Date('2027-01-01') }))).toBe('ok')
  expect(codeOf(facts(), { ...policy, windowFrom: 'placement', windowDays: 10 })).toBe('RETURNS_WINDOW_CLOSED')
  expect(codeOf(facts(), { ...policy, windowDays: 0 })).toBe('RETURNS_WINDOW_CLOSED')
})

test('orders not shipped or canceled cannot be returned', () => {
  expect(codeOf(facts({ order: { ...order, fulfillmentStatus: 'unfulfilled', status: 'placed' } }))).toBe('RETURNS_ORDER_NOT_RETURNABLE')
  expect(codeOf(facts({ order: { ...order, status: 'canceled' } }))).toBe('RETURNS_ORDER_NOT_RETURNABLE')
})

test('each line is checked: known item, once, returnable category, units left', () => {
  expect(codeOf(facts({ lines: [{ itemId: 'oi_x', quantity: 1, reason: 'r' }] }))).toBe('RETURNS_UNKNOWN_ITEM')
  expect(
    codeOf(
      facts({
        lines: [
          { itemId: 'oi_a', quantity: 1, reason: 'r' },
          { itemId: 'oi_a', quantity: 1, reason: 'r' },
        ],
      }),
    ),
  ).toBe('RETURNS_DUPLICATE_ITEM')
  expect(codeOf(facts({ lines: [{ itemId: 'oi_b', quantity: 1, reason: 'r' }] }))).toBe('RETURNS_ITEM_NOT_RETURNABLE')
  expect(codeOf(facts({ lines: [{ itemId: 'oi_a', quantity: 3, reason: 'r' }] }))).toBe('RETURNS_QUANTITY_EXCEEDED')
  expect(codeOf(facts({ alreadyReturned: new Map([['oi_a', 2]]) }))).toBe('RETURNS_QUANTITY_EXCEEDED')
})

test('an exchange is for a variant on sale at the same price and refunds nothing', () => {
  const ex = (variant: string) => facts({ lines: [{ itemId: 'oi_a', quantity: 1, reason: 'size', exchangeVariantId: variant }] })
  const r = planReturn(policy, ex('var_a2'))
  expect(r.ok && r.value[0]?.refundAmount).toBe(0)
  expect(codeOf(ex('var_dear'))).toBe('RETURNS_EXCHANGE_PRICE_DIFFERS')
  expect(codeOf(ex('var_gone'))).toBe('RETURNS_EXCHANGE_UNAVAILABLE')
})

test('auto-approval: on, under the value, and never for an exchange', () => {
  expect(approvesItself({ ...policy, autoApproveBelow: 5000 }, 4999, false)).toBe(true)
  expect(approvesItself({ ...policy, autoApproveBelow: 5000 }, 5000, false)).toBe(false)
  expect(approvesItself({ ...policy, autoApproveBelow: 5000 }, 0, true)).toBe(false)
  expect(approvesItself(policy, 1, false)).toBe(false)
})
