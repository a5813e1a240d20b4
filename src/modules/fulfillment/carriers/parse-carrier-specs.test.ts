import { expect, test } from 'vitest'
import { parseCarrierSpecs } from './parse-carrier-specs.ts'

test('reads name=kind[@url] entries in order, trimming a trailing slash', () => {
  expect(parseCarrierSpecs('sandbox=sandbox@http://127.0.0.1:4020/, backup = sandbox')).toEqual({
    ok: true,
    value: [
      { name: 'sandbox', kind: 'sandbox', url: 'http://127.0.0.1:4020' },
      { name: 'backup', kind: 'sandbox', url: null },
    ],
  })
})

test.each([
  ['', /no carrier/],
  ['sandbox', /name=kind/],
  ['Sandbox=sandbox', /name must be/],
  ['x=ups', /unknown kind "ups"/],
  ['x=sandbox@ftp://h', /http:\/\//],
  ['x=sandbox@', /is empty/],
  ['x=sandbox,,y=sandbox', /entry 2 is empty/],
  ['x=sandbox,x=sandbox', /used twice/],
])('refuses %j, naming the problem', (value, message) => {
  const r = parseCarrierSpecs(value)
  expect(r.ok).toBe(false)
  if (!r.ok) {
    expect(r.error.code).toBe('FULFILLMENT_INVALID_CONFIG')
    expect(r.error.message).toMatch(/^CARRIERS: /)
    expect(r.error.message).toMatch(message)
  }
})
