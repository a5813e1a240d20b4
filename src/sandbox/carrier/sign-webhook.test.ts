import { createHmac } from 'node:crypto'
import { expect, test } from 'vitest'
import { signatureHeader } from './sign-webhook.ts'

test('t=…,v1=hex HMAC-SHA256 over "t.body"', () => {
  const body = '{"id":"evt_1"}'
  const expected = createHmac('sha256', 'whsec_x').update(`1800000000.${body}`).digest('hex')
  expect(signatureHeader('whsec_x', body, 1_800_000_000)).toBe(`t=1800000000,v1=${expected}`)
  expect(signatureHeader('whsec_y', body, 1_800_000_000)).not.toBe(`t=1800000000,v1=${expected}`)
})
