import { expect, test } from 'vitest'
import { addressLine, readShipmentRequest } from './shipment-request.ts'

const good = { reference: 'ord_1', service: 'standard', weight_grams: 500, from: { country: 'DE' }, to: { country: 'FR', city: 'Paris' } }

test('a well-formed request is read, unknown address fields dropped', () => {
  expect(readShipmentRequest({ ...good, to: { country: 'FR', city: 'Paris', colour: 'red' } })).toEqual(good)
})

test('each bad field is named', () => {
  expect(readShipmentRequest({ ...good, reference: '' })).toContain('reference')
  expect(readShipmentRequest({ ...good, service: 'overnight' })).toContain('service')
  expect(readShipmentRequest({ ...good, weight_grams: 0 })).toContain('weight_grams')
  expect(readShipmentRequest({ ...good, from: 'Berlin' })).toContain('from must be')
  expect(readShipmentRequest({ ...good, to: { country: 'fr' } })).toContain('to.country')
  expect(readShipmentRequest({ ...good, to: { country: 'FR', city: 7 } })).toContain('to.city')
})

test('addressLine leaves out the blanks', () => {
  expect(addressLine({ country: 'FR', name: 'Zoé', city: 'Paris', line1: '' })).toBe('Zoé, Paris, FR')
})
