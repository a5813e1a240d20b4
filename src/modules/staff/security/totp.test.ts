import { describe, expect, test } from 'vitest'
import { matchTotpStep, newTotpSecret, totpCode, totpUri } from './totp.ts'
import { looksLikeRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.ts'

describe('TOTP', () => {
  // RFC 6238 test vector: secret "12345678901234567890" (base32 below), SHA-1, T = 59 s → 94287082 (8 digits) → 287082
  const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

  test('matches the RFC 6238 reference code', () => {
    expect(totpCode(rfcSecret, new Date(59_000))).toBe('287082')
    expect(matchTotpStep(rfcSecret, '287082', new Date(59_000))).toBe(1)
  })

  test('accepts one step of drift either way and nothing further', () => {
    const secret = newTotpSecret()
    const at = new Date(1_800_000_000_000)
    const step = Math.floor(at.getTime() / 30_000)
    expect(matchTotpStep(secret, totpCode(secret, at), at)).toBe(step)
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at)).toBe(step - 1)
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at)).toBe(step + 1)
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() + 90_000)), at)).toBeNull()
    expect(matchTotpStep(secret, 'abcdef', at)).toBeNull()
    expect(matchTotpStep(secret, '12345', at)).toBeNull()
  })

  test('secrets are 160 bits and the URI names the issuer and account', () => {
    const secret = newTotpSecret()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(newTotpSecret()).not.toBe(secret)
    const uri = totpUri(secret, 'owner@shop.test', 'My Shop')
    expect(uri).toMatch(/^otpauth:\/\/totp\/My%20Shop:owner%40shop\.test\?/)
    expect(uri).toContain(`secret=${secret}`)
  })
})

describe('recovery codes', () => {
  test('ten distinct codes that survive case, spaces and dashes', () => {
    const codes = newRecoveryCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const c of codes) {
      expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/)
      expect(looksLikeRecoveryCode(` ${c.toUpperCase()} `)).toBe(true)
      expect(normaliseRecoveryCode(c.toUpperCase().replace('-', ' '))).toBe(c.replace('-', ''))
    }
    expect(looksLikeRecoveryCode('123456')).toBe(false)
  })
})
