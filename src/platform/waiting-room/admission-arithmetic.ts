/**
 * The admission cursor: the highest ticket number let in so far, as a real number that grows by
 * `rate` per second and never passes the last ticket issued (so an empty line saves no credit for
 * a later burst). Ticket n is admitted once ⌊cursor⌋ ≥ n: strictly in order of arrival, at the
 * configured rate overall. The Redis Lua scripts (redis-queue-store.ts) compute exactly this.
 */
export type Cursor = { readonly value: number; readonly atMs: number }

export const advanceCursor = (c: Cursor, lastIssued: number, nowMs: number, ratePerSecond: number): Cursor => {
  // a clock that went back (another process's, or an adjustment) never moves the cursor back
  if (nowMs <= c.atMs) return c
  const value = Math.max(c.value, Math.min(lastIssued, c.value + (ratePerSecond * (nowMs - c.atMs)) / 1000))
  return { value, atMs: nowMs }
}

export const isAdmitted = (seq: number, cursor: number): boolean => seq <= Math.floor(cursor)

/** tickets ahead of this one, itself included (1: next in line) */
export const positionOf = (seq: number, cursor: number): number => Math.max(0, seq - Math.floor(cursor))

/** seconds until the cursor reaches `seq` at `rate` */
export const waitSecondsFor = (seq: number, cursor: number, ratePerSecond: number): number =>
  seq <= Math.floor(cursor) ? 0 : Math.ceil((seq - cursor) / ratePerSecond)

/** how soon the queue page refreshes (and Retry-After): about half the wait, between 1 and `max` seconds */
export const refreshSecondsFor = (waitSeconds: number, maxSeconds: number): number =>
  Math.min(maxSeconds, Math.max(1, Math.ceil(waitSeconds / 2)))
