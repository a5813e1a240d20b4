import type { PriceScheduleStatus } from '../contract.ts'

/** A schedule is in force from its start (inclusive) to its end (exclusive). */
export const scheduleStatus = (s: { readonly startsAt: Date; readonly endsAt: Date }, now: Date): PriceScheduleStatus => {
  if (now.getTime() < s.startsAt.getTime()) return 'upcoming'
  return now.getTime() < s.endsAt.getTime() ? 'active' : 'ended'
}
