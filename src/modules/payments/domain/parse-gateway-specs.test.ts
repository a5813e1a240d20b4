import { describe, expect, test } from 'vitest'
import { parseGatewaySpecs } from './parse-gateway-specs.ts'

describe('parseGatewaySpecs', () => {
  test('reads name=kind[@url] entries in priority order', () => {
    const r = parseGatewaySpecs(' primary=sandbox@http://127.0.0.1:4010/ , backup=sandbox@http://127.0.0.1:4011,card=stripe')
    expect(r).toEqual({
      ok: true,
      value: [
        { name: 'primary', kind: 'sandbox', url: 'http://127.0.0.1:4010' },
        { name: 'backup', kind: 'sandbox', url: 'http://127.0.0.1:4011' },
        { name: 'card', kind: 'stripe', url: null },
      ],
    })
  })

  test('the default setting parses', () => {
    expect(parseGatewaySpecs('sandbox=sandbox@http://127.0.0.1:4010').ok).toBe(true)
  })

  test.each([
    ['', 'no gateway is configured'],
    ['  ,  ', 'no gateway is configured'],
    ['primary', 'must look like name=kind'],
    ['primary=paypal', 'unknown kind "paypal"'],
    ['Primary=sandbox', 'the name must be'],
    ['=sandbox', 'the name must be'],
    ['a=sandbox,,b=sandbox', 'entry 2 is empty'],
    ['a=sandbox@', 'the URL is empty'],
    ['a=sandbox@localhost:4010', 'the URL'],
    ['a=sandbox@ftp://x', 'must start with http:// or https://'],
    ['a=sandbox,a=stripe', 'the name "a" is used twice'],
  ])('%j is refused with a message naming the setting', (value, message) => {
    const r = parseGatewaySpecs(value)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('PAYMENTS_INVALID_CONFIG')
    expect(r.error.message).toMatch(/^PAYMENT_GATEWAYS: /)
    expect(r.error.message).toContain(message)
  })
})
