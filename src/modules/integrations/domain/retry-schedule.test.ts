import { expect, test } from 'vitest'
import { nextAttemptAt, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS } from './retry-schedule.ts'

test('the schedule spans exactly three days over eleven attempts', () => {
  expect(WEBHOOK_MAX_ATTEMPTS).toBe(11)
  expect(WEBHOOK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBe(72 * 3600_000)
})

test('each failure waits the listed delay; the last attempt has no next one', () => {
  const now = new Date('2026-01-01T00:00:00Z')
  expect(nextAttemptAt(1, now)?.toISOString()).toBe('2026-01-01T00:01:00.000Z')
  expect(nextAttemptAt(4, now)?.toISOString()).toBe('2026-01-01T02:00:00.000Z')
  expect(nextAttemptAt(WEBHOOK_MAX_ATTEMPTS, now)).toBeNull()
})
