import { expect, test } from 'vitest'
import type { ReturnItem } from '../contract.ts'
import { planReceipt, returnedState } from './receipt.ts'

const item = (id: string): ReturnItem => ({
  id,
  item_id: `oi_${id}`,
  variant_id: `var_${id}`,
  sku: id,
  title: id,
  quantity: 1,
  reason: 'r',
  refund_amount: { amount: 100, currency: 'EUR' },
  exchange_variant_id: null,
  condition: null,
  disposition: null,
  location_id: null,
})

test('sellable units go to the item location, else the receipt one, else the fallback; damaged are written off', () => {
  const r = planReceipt(
    [item('a'), item('b'), item('c')],
    {
      returnId: 'ret_1',
      locationId: 'loc_store',
      items: [
        { id: 'a', condition: 'sellable', locationId: 'loc_x' },
        { id: 'b', condition: 'sellable' },
        { id: 'c', condition: 'damaged' },
      ],
    },
    'loc_default',
  )
  expect(r.ok && r.value.map((l) => l.locationId)).toEqual(['loc_x', 'loc_store', null])
  const f = planReceipt([item('a')], { returnId: 'ret_1', items: [{ id: 'a', condition: 'sellable' }] }, 'loc_default')
  expect(f.ok && f.value[0]?.locationId).toBe('loc_default')
})

test('a receipt names every item of the return once and nothing else', () => {
  const code = (items: { id: string; condition: 'sellable' | 'damaged' }[]) => {
    const r = planReceipt([item('a'), item('b')], { returnId: 'ret_1', items }, 'loc')
    return r.ok ? 'ok' : r.error.code
  }
  expect(code([{ id: 'a', condition: 'sellable' }])).toBe('RETURNS_INVALID_RECEIPT')
  expect(
    code([
      { id: 'a', condition: 'sellable' },
      { id: 'a', condition: 'damaged' },
    ]),
  ).toBe('RETURNS_INVALID_RECEIPT')
  expect(
    code([
      { id: 'a', condition: 'sellable' },
      { id: 'z', condition: 'damaged' },
    ]),
  ).toBe('RETURNS_INVALID_RECEIPT')
  expect(
    code([
      { id: 'a', condition: 'sellable' },
      { id: 'b', condition: 'damaged' },
    ]),
  ).toBe('ok')
})

test('the order is returned when every unit came back, else partially', () => {
  const ordered = new Map([
    ['a', 2],
    ['b', 1],
  ])
  expect(
    returnedState(
      ordered,
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    ),
  ).toBe('returned')
  expect(returnedState(ordered, new Map([['a', 1]]))).toBe('partially_returned')
})
