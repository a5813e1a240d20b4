import { expect, test } from 'vitest'
import { readEvent, readEvents, readRates, readShipment, wireAddress, wireError } from './sandbox-wire.ts'

const wireShipment = {
  object: 'shipment',
  id: 'shp_1',
  tracking_number: 'SBX1',
  reference: 'ord_1',
  service: 'express',
  kind: 'outbound',
  return_for: null,
  status: 'label_created',
  amount: 990,
  currency: 'EUR',
  estimated_days: 1,
  label_url: 'http://127.0.0.1:1/v1/shipments/shp_1/label',
  created_at: '2030-01-01T00:00:00.000Z',
  weight_grams: 500,
}
const wireEvent = {
  id: 'evt_1',
  object: 'tracking_event',
  shipment_id: 'shp_1',
  tracking_number: 'SBX1',
  reference: 'ord_1',
  seq: 1,
  status: 'label_created',
  description: 'Label created.',
  occurred_at: '2030-01-01T00:00:00.000Z',
}

test('a shipment is read into the port type', () => {
  expect(readShipment(wireShipment)).toEqual({
    id: 'shp_1',
    trackingNumber: 'SBX1',
    reference: 'ord_1',
    service: 'express',
    kind: 'outbound',
    returnFor: null,
    status: 'label_created',
    price: { amount: 990, currency: 'EUR' },
    estimatedDays: 1,
    labelUrl: 'http://127.0.0.1:1/v1/shipments/shp_1/label',
    createdAt: '2030-01-01T00:00:00.000Z',
  })
})

test('rates and events are read; anything malformed is null', () => {
  expect(readRates({ rates: [{ service: 'standard', amount: 490, currency: 'EUR', estimated_days: 2 }] })).toEqual([
    { service: 'standard', price: { amount: 490, currency: 'EUR' }, estimatedDays: 2 },
  ])
  expect(readEvents({ events: [wireEvent] })?.[0]).toMatchObject({
    id: 'evt_1',
    shipmentId: 'shp_1',
    seq: 1,
    occurredAt: wireEvent.occurred_at,
  })
  expect(readEvent({ ...wireEvent, status: 'lost_in_space' })).toBeNull()
  expect(readShipment({ ...wireShipment, amount: 9.9 })).toBeNull()
  expect(readRates(null)).toBeNull()
  expect(readEvents('nope')).toBeNull()
})

test('addresses are written in the sandbox spelling; error bodies are read when present', () => {
  expect(wireAddress({ country: 'FR', postalCode: '75001', city: 'Paris' })).toEqual({ country: 'FR', postal_code: '75001', city: 'Paris' })
  expect(wireError({ error: { code: 'not_found', message: 'No shipment.' } })).toEqual({ code: 'not_found', message: 'No shipment.' })
  expect(wireError(null)).toEqual({})
})
