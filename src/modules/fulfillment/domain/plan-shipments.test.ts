import { expect, test } from 'vitest'
import { parcelGrams, planShipments, serviceFor } from './plan-shipments.ts'

const lines = [
  { id: 'oitem_a', variant_id: 'var_a', sku: 'A', title: 'Apple', quantity: 3 },
  { id: 'oitem_b', variant_id: 'var_b', sku: 'B', title: 'Banana', quantity: 1 },
]

test('an order reserved in one location is one parcel with every line', () => {
  const held = [
    { variant_id: 'var_a', location_id: 'loc_1', quantity: 3 },
    { variant_id: 'var_b', location_id: 'loc_1', quantity: 1 },
  ]
  expect(planShipments(lines, held)).toEqual([
    {
      locationId: 'loc_1',
      units: 4,
      items: [
        { item_id: 'oitem_a', variant_id: 'var_a', sku: 'A', title: 'Apple', quantity: 3 },
        { item_id: 'oitem_b', variant_id: 'var_b', sku: 'B', title: 'Banana', quantity: 1 },
      ],
    },
  ])
})

test('reservations across locations split the order, a line too, in location order', () => {
  const held = [
    { variant_id: 'var_a', location_id: 'loc_2', quantity: 1 },
    { variant_id: 'var_b', location_id: 'loc_2', quantity: 1 },
    { variant_id: 'var_a', location_id: 'loc_1', quantity: 2 },
  ]
  const plan = planShipments(lines, held)
  expect(plan.map((p) => [p.locationId, p.items.map((i) => `${i.item_id}×${i.quantity}`)])).toEqual([
    ['loc_1', ['oitem_a×2']],
    ['loc_2', ['oitem_a×1', 'oitem_b×1']],
  ])
})

test('nothing reserved plans nothing; units beyond the order are not shipped', () => {
  expect(planShipments(lines, [])).toEqual([])
  expect(planShipments(lines, [{ variant_id: 'var_b', location_id: 'loc_1', quantity: 5 }])[0]?.units).toBe(1)
})

test('parcel weight and service', () => {
  expect(parcelGrams(2)).toBe(1000)
  expect(parcelGrams(1000)).toBe(31_500)
  expect(serviceFor('Express', 1000)).toBe('express')
  expect(serviceFor('Express', 25_000)).toBe('standard')
  expect(serviceFor('Standard', 1000)).toBe('standard')
  expect(serviceFor(undefined, 1000)).toBe('standard')
})
