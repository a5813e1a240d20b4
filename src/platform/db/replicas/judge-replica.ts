import type { Lsn } from './lsn.ts'

/** What one health check saw on a replica. */
export type ReplicaProbe =
  | { readonly reachable: false; readonly error: string }
  | { readonly reachable: true; readonly inRecovery: boolean; readonly paused: boolean; readonly replayed: Lsn }

export type RotationReason = 'ok' | 'unreachable' | 'not_a_replica' | 'paused' | 'lagging'

/** In rotation only when reachable, still a standby, replaying, and no further behind than the bound. */
export const judgeReplica = (probe: ReplicaProbe, lagSeconds: number, maxLagSeconds: number): RotationReason => {
  if (!probe.reachable) return 'unreachable'
  if (!probe.inRecovery) return 'not_a_replica' // promoted, or pointed at a primary by mistake
  if (probe.paused) return 'paused'
  return lagSeconds > maxLagSeconds ? 'lagging' : 'ok'
}
