import { describe, expect, test } from 'vitest'
import { headerValue, signatureHeader, verifySignature } from './webhook-signature.ts'

const secret = 'whsec_carrier_test'
const rawBody = JSON.stringify({ id: 'evt_1', status: 'delivered' })
const now = 1_800_000_000

describe('carrier webhook signatures (t=…,v1=… HMAC-SHA256 over "t.body")', () => {
  test('a header we sign verifies', () => {
    expect(verifySignature({ secret, header: signatureHeader(secret, rawBody, now), rawBody, nowSeconds: now + 10 })).toBe(true)
  })

  test('a tampered body, a wrong secret, a missing or garbled header is refused', () => {
    const header = signatureHeader(secret, rawBody, now)
    expect(verifySignature({ secret, header, rawBody: rawBody.replace('delivered', 'exception'), nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret: 'whsec_other', header, rawBody, nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret, header: undefined, rawBody, nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret, header: 'garbage', rawBody, nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret, header: `t=${now},v1=zz`, rawBody, nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret, header: `t=${now},t=${now},${header.split(',')[1]}`, rawBody, nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret: '', header, rawBody, nowSeconds: now })).toBe(false)
  })

  test('a re-timestamped signature does not verify (the timestamp is signed too)', () => {
    const v1 = signatureHeader(secret, rawBody, now).split(',')[1]
    expect(verifySignature({ secret, header: `t=${now + 60},${v1}`, rawBody, nowSeconds: now + 60 })).toBe(false)
  })

  test('a timestamp outside the tolerance is refused, either way', () => {
    const header = signatureHeader(secret, rawBody, now)
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now + 301 })).toBe(false)
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now - 301 })).toBe(false)
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now + 301, toleranceSeconds: 600 })).toBe(true)
  })

  test('one matching v1 among several is enough (secret rolling)', () => {
    const good = signatureHeader(secret, rawBody, now)
    const old = signatureHeader('whsec_old', rawBody, now).split(',')[1]
    expect(verifySignature({ secret, header: `${good},${old}`, rawBody, nowSeconds: now })).toBe(true)
    expect(verifySignature({ secret, header: `t=${now},${old}`, rawBody, nowSeconds: now })).toBe(false)
  })

  test('header names are matched without regard to case', () => {
    expect(headerValue({ 'crest-carrier-signature': 'x' }, 'Crest-Carrier-Signature')).toBe('x')
    expect(headerValue({ 'Crest-Carrier-Signature': ['a', 'b'] }, 'crest-carrier-signature')).toBe('a')
    expect(headerValue({}, 'crest-carrier-signature')).toBeUndefined()
  })
})
