import { describe, expect, test } from 'vitest'
import { auditSummary, parsedPayload } from './audit-summary.ts'

describe('audit summaries', () => {
  test('redact secrets at any depth and keep the rest', () => {
    expect(auditSummary({ email: 'a@b.c', password: 'p', nested: { otp: '123456', token: 't', keep: 1 }, list: [{ key: 'k' }] })).toEqual({
      email: 'a@b.c',
      password: '[redacted]',
      nested: { otp: '[redacted]', token: '[redacted]', keep: 1 },
      list: [{ key: '[redacted]' }],
    })
  })

  test('cut long bodies to a preview', () => {
    const big = auditSummary({ items: Array.from({ length: 40 }, (_, i) => ({ i, text: 'x'.repeat(400) })) }) as {
      truncated: boolean
      preview: string
    }
    expect(big.truncated).toBe(true)
    expect(big.preview.length).toBe(4000)
    expect(auditSummary(undefined)).toBeNull()
  })

  test('parse only JSON payloads', () => {
    expect(parsedPayload('{"a":1}')).toEqual({ a: 1 })
    expect(parsedPayload('<html>')).toBeNull()
    expect(parsedPayload(undefined)).toBeNull()
  })
})
