import type { Lsn } from './lsn.ts'

/** The primary's WAL position, and when it was first seen there. */
export type LsnSample = { readonly at: number; readonly lsn: Lsn }

/**
 * How long a replica has been behind, from the primary's history: since the first moment the
 * primary had WAL the replica has not replayed. Zero when it has replayed all the primary had at
 * the last sample. Unlike `now() - pg_last_xact_replay_timestamp()` this does not grow on an idle
 * primary (no new transactions is not lag). It is a lower bound, off by at most one sampling
 * interval; a replica behind every kept sample reads as behind since the oldest one.
 */
export const lagSeconds = (history: readonly LsnSample[], replayed: Lsn, now: number): number => {
  const first = history.find((s) => s.lsn > replayed)
  return first ? Math.max(0, (now - first.at) / 1000) : 0
}

/** Adds a sample when the position moved (a first sighting is what matters) and drops those older than keepMs, keeping the newest. */
export const recordSample = (history: readonly LsnSample[], sample: LsnSample, keepMs: number): LsnSample[] => {
  const last = history[history.length - 1]
  const next = last && last.lsn >= sample.lsn ? [...history] : [...history, sample]
  const cutoff = sample.at - keepMs
  const firstKept = next.findIndex((s) => s.at >= cutoff)
  return firstKept === -1 ? next.slice(-1) : next.slice(Math.max(0, Math.min(firstKept, next.length - 1)))
}
