import { expect, test } from 'vitest'
import { scheduleStatus } from './schedule-status.ts'

const at = (iso: string) => new Date(iso)
const window = { startsAt: at('2026-11-27T00:00:00Z'), endsAt: at('2026-11-30T00:00:00Z') }

test('upcoming before the start, active from the start (inclusive), ended from the end (exclusive)', () => {
  expect(scheduleStatus(window, at('2026-11-26T23:59:59.999Z'))).toBe('upcoming')
  expect(scheduleStatus(window, at('2026-11-27T00:00:00Z'))).toBe('active')
  expect(scheduleStatus(window, at('2026-11-29T23:59:59.999Z'))).toBe('active')
  expect(scheduleStatus(window, at('2026-11-30T00:00:00Z'))).toBe('ended')
})
