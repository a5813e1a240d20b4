import { advanceCursor, type Cursor, isAdmitted } from './admission-arithmetic.ts'

/** The line: ticket numbers in order of arrival, and the admission cursor. */
export type QueueStatus = { readonly lastIssued: number; readonly cursor: number }

export type AdmitOutcome =
  /** its turn has come and it had not been used: let in (the ticket is now spent) */
  | { readonly kind: 'admitted'; readonly cursor: number }
  | { readonly kind: 'waiting'; readonly cursor: number }
  /** its turn had come, but it was already used once */
  | { readonly kind: 'replayed'; readonly cursor: number }
  /** numbered beyond the last ticket issued: from a line that was reset */
  | { readonly kind: 'unknown'; readonly cursor: number }

export type QueueStore = {
  /** a new place at the back of the line */
  readonly issue: () => Promise<{ readonly seq: number; readonly cursor: number }>
  /** lets ticket `seq` in if its turn has come, spending ticket `id` (remembered `usedTtlSeconds`) */
  readonly admit: (seq: number, id: string, usedTtlSeconds: number) => Promise<AdmitOutcome>
  readonly status: () => Promise<QueueStatus>
  readonly describe: string
}

/** The line in this process (the embedded set-up): the same arithmetic as the Redis scripts. */
export const localQueueStore = (o: { readonly ratePerSecond: number; readonly nowMs?: () => number }): QueueStore => {
  const now = o.nowMs ?? Date.now
  let lastIssued = 0
  let cursor: Cursor = { value: 0, atMs: now() }
  const used = new Map<string, number>()
  let nextPrune = 0
  const advance = (t: number) => {
    cursor = advanceCursor(cursor, lastIssued, t, o.ratePerSecond)
  }
  const prune = (t: number) => {
    if (t < nextPrune) return
    nextPrune = t + 10_000
    for (const [id, until] of used) if (until <= t) used.delete(id)
  }
  return {
    describe: 'in-process',
    issue: async () => {
      const t = now()
      advance(t)
      lastIssued++
      return { seq: lastIssued, cursor: cursor.value }
    },
    admit: async (seq, id, usedTtlSeconds) => {
      const t = now()
      advance(t)
      prune(t)
      if (seq > lastIssued) return { kind: 'unknown', cursor: cursor.value }
      if (!isAdmitted(seq, cursor.value)) return { kind: 'waiting', cursor: cursor.value }
      const until = used.get(id)
      if (until !== undefined && until > t) return { kind: 'replayed', cursor: cursor.value }
      used.set(id, t + usedTtlSeconds * 1000)
      return { kind: 'admitted', cursor: cursor.value }
    },
    status: async () => {
      advance(now())
      return { lastIssued, cursor: cursor.value }
    },
  }
}
