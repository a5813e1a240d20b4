import { describe, expect, test } from 'vitest'
import { createLimiter } from './limiter.ts'

describe('createLimiter (in process)', () => {
  test('allows the limit, then refuses with a retry time within the window', async () => {
    const l = createLimiter({ points: 3, windowSeconds: 60, keyPrefix: 't:' })
    for (let i = 0; i < 3; i++) expect(await l.consume('a')).toEqual({ ok: true })
    const refused = await l.consume('a')
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1)
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60)
      expect(refused.limit).toBe(3)
    }
  })

  test('counts keys apart', async () => {
    const l = createLimiter({ points: 1, windowSeconds: 60, keyPrefix: 't:' })
    expect((await l.consume('a')).ok).toBe(true)
    expect((await l.consume('b')).ok).toBe(true)
    expect((await l.consume('a')).ok).toBe(false)
  })
})
