import { expect, test } from 'vitest'
import { type ParcelState, progressOf, type ShipmentStatus } from './order-progress.ts'

const parcel = (status: ShipmentStatus, n = 1): ParcelState => ({ status, carrier: 'sandbox', trackingNumber: `SBX${n}` })
const placed = { status: 'placed', fulfillment_status: 'unfulfilled' }

test('a label alone changes nothing', () => {
  expect(progressOf(placed, [parcel('label_created')])).toEqual([])
  expect(progressOf(placed, [])).toEqual([])
})

test('one parcel: shipped when in transit, completed when delivered', () => {
  expect(progressOf(placed, [parcel('in_transit')])).toEqual([
    { field: 'fulfillment_status', to: 'fulfilled', note: 'Shipped with sandbox SBX1' },
  ])
  expect(progressOf({ status: 'placed', fulfillment_status: 'fulfilled' }, [parcel('out_for_delivery')])).toEqual([])
  expect(progressOf({ status: 'placed', fulfillment_status: 'fulfilled' }, [parcel('delivered')])).toEqual([
    { field: 'status', to: 'completed', note: 'Delivered' },
  ])
})

test('a delivery seen before its transit event does both moves, in order', () => {
  expect(progressOf(placed, [parcel('delivered')]).map((c) => `${c.field}>${c.to}`)).toEqual([
    'fulfillment_status>fulfilled',
    'status>completed',
  ])
})

test('split shipment: partially fulfilled, then fulfilled, then completed', () => {
  expect(progressOf(placed, [parcel('in_transit', 1), parcel('label_created', 2)])).toEqual([
    { field: 'fulfillment_status', to: 'partially_fulfilled', note: '1 of 2 parcels shipped (sandbox SBX1)' },
  ])
  const partly = { status: 'placed', fulfillment_status: 'partially_fulfilled' }
  expect(progressOf(partly, [parcel('delivered', 1), parcel('in_transit', 2)])).toEqual([
    { field: 'fulfillment_status', to: 'fulfilled', note: 'All 2 parcels shipped (sandbox SBX1, sandbox SBX2)' },
  ])
  const fulfilled = { status: 'placed', fulfillment_status: 'fulfilled' }
  expect(progressOf(fulfilled, [parcel('delivered', 1), parcel('exception', 2)])).toEqual([])
  expect(progressOf(fulfilled, [parcel('delivered', 1), parcel('delivered', 2)])).toEqual([
    { field: 'status', to: 'completed', note: 'All 2 parcels delivered' },
  ])
})

test('canceled parcels do not count; a held, canceled or completed order does not complete', () => {
  expect(progressOf(placed, [parcel('in_transit', 1), parcel('canceled', 2)])[0]?.to).toBe('fulfilled')
  expect(progressOf({ status: 'canceled', fulfillment_status: 'fulfilled' }, [parcel('delivered')])).toEqual([])
  expect(progressOf({ status: 'completed', fulfillment_status: 'fulfilled' }, [parcel('delivered')])).toEqual([])
  expect(progressOf({ status: 'placed', fulfillment_status: 'returned' }, [parcel('in_transit')])).toEqual([])
})
