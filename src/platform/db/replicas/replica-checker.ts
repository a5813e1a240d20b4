import { judgeReplica } from './judge-replica.ts'
import { type Lsn, maxLsn } from './lsn.ts'
import { lagSeconds, type LsnSample, recordSample } from './replica-lag.ts'
import type { ReplicaNode } from './replica-node.ts'

export type ReplicaCheckerDeps = {
  readonly replicas: readonly ReplicaNode[]
  /** the primary's pg_current_wal_lsn() */
  readonly primaryPosition: () => Promise<Lsn>
  readonly maxLagSeconds: number
  readonly now: () => number
  /** after each replica's check, with its new state (metrics, logs on a change of rotation) */
  readonly onChecked: (replica: ReplicaNode, previous: ReplicaNode['state']) => void
}

/**
 * One health check of every replica: sample the primary's WAL position, probe each replica, work
 * out its lag from the primary's history and put it in or out of rotation.
 */
export const createReplicaChecker = (d: ReplicaCheckerDeps): (() => Promise<void>) => {
  let history: LsnSample[] = []
  const keepMs = Math.max(60_000, d.maxLagSeconds * 4_000)
  return async () => {
    const at = d.now()
    try {
      history = recordSample(history, { at, lsn: await d.primaryPosition() }, keepMs)
    } catch {
      // primary unreachable: judge lag from what was already seen
    }
    await Promise.all(
      d.replicas.map(async (r) => {
        const probe = await r.probe()
        const replayed = probe.reachable ? maxLsn(probe.replayed, r.state.replayed) : r.state.replayed
        const lag = lagSeconds(history, replayed, d.now())
        const reason = judgeReplica(probe, lag, d.maxLagSeconds)
        const previous = r.state
        r.state = { inRotation: reason === 'ok', reason, lagSeconds: lag, replayed, checkedAt: at }
        d.onChecked(r, previous)
      }),
    )
  }
}
