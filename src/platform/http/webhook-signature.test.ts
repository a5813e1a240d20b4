import Stripe from 'stripe'
import { describe, expect, test } from 'vitest'
import { headerValue, signatureHeader, verifyJsonWebhook, verifySignature } from './webhook-signature.ts'

const secret = 'whsec_test_secret'
const rawBody = JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded' })
const now = 1_800_000_000

describe('webhook signatures (t=…,v1=… HMAC-SHA256 over "t.body")', () => {
  test('a header we sign verifies, and the JSON comes back', () => {
    const header = signatureHeader(secret, rawBody, now)
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now })).toBe(true)
    expect(verifyJsonWebhook({ secret, header, rawBody, nowSeconds: now + 10 })).toEqual(JSON.parse(rawBody))
  })

  test("headers made by Stripe's own SDK verify (same scheme)", () => {
    const stripe = new Stripe('sk_test_x')
    const header = stripe.webhooks.generateTestHeaderString({ payload: rawBody, secret, timestamp: now })
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now })).toBe(true)
  })

  test('a tampered body, a wrong secret, or a missing/garbled header is refused', () => {
    const header = signatureHeader(secret, rawBody, now)
    expect(verifySignature({ secret, header, rawBody: rawBody.replace('succeeded', 'failed'), nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret: 'whsec_other', header, rawBody, nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret, header: undefined, rawBody, nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret, header: 'garbage', rawBody, nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret, header: `t=${now},v1=zz`, rawBody, nowSeconds: now })).toBe(false)
    expect(verifySignature({ secret: '', header, rawBody, nowSeconds: now })).toBe(false)
  })

  test('a timestamp outside the tolerance is refused, either way', () => {
    const header = signatureHeader(secret, rawBody, now)
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now + 301 })).toBe(false)
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now - 301 })).toBe(false)
    expect(verifySignature({ secret, header, rawBody, nowSeconds: now + 301, toleranceSeconds: 600 })).toBe(true)
  })

  test('one matching v1 among several is enough (secret rolling)', () => {
    const good = signatureHeader(secret, rawBody, now)
    const other = signatureHeader('whsec_old', rawBody, now).split(',')[1]
    expect(verifySignature({ secret, header: `${good},${other}`, rawBody, nowSeconds: now })).toBe(true)
    expect(verifySignature({ secret, header: `t=${now},${other}`, rawBody, nowSeconds: now })).toBe(false)
  })

  test('a body that verifies but is not JSON gives null', () => {
    const body = 'not json'
    expect(verifyJsonWebhook({ secret, header: signatureHeader(secret, body, now), rawBody: body, nowSeconds: now })).toBeNull()
  })

  test('a re-timestamped signature does not verify (the timestamp is signed too)', () => {
    const v1 = signatureHeader(secret, rawBody, now).split(',')[1]
    expect(verifySignature({ secret, header: `t=${now + 60},${v1}`, rawBody, nowSeconds: now + 60 })).toBe(false)
  })

  test('header names are matched without regard to case; a repeated header gives its first value', () => {
    expect(headerValue({ 'crest-carrier-signature': 'x' }, 'Crest-Carrier-Signature')).toBe('x')
    expect(headerValue({ 'Crest-Carrier-Signature': ['a', 'b'] }, 'crest-carrier-signature')).toBe('a')
    expect(headerValue({}, 'crest-carrier-signature')).toBeUndefined()
  })
})
