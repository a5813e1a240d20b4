import type { Orm } from '../database.ts'
import type { ReplicaProbe, RotationReason } from './judge-replica.ts'
import type { Lsn } from './lsn.ts'

export type ReplicaState = {
  readonly inRotation: boolean
  readonly reason: RotationReason | 'unchecked'
  readonly lagSeconds: number
  /** the highest position it is known to have replayed (a lower bound of where it is now) */
  readonly replayed: Lsn
  readonly checkedAt: number
}

/** One read replica: its connection pool, how to ask it, and what the last check saw. */
export type ReplicaNode = {
  /** label for logs and metrics: host:port/database, no credentials */
  readonly name: string
  readonly orm: Orm
  readonly probe: () => Promise<ReplicaProbe>
  state: ReplicaState
}

export const uncheckedState: ReplicaState = { inRotation: false, reason: 'unchecked', lagSeconds: 0, replayed: 0n, checkedAt: 0 }
