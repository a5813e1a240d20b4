import type { Database } from '../database.ts'
import type { ReadPool } from '../read-pool.ts'
import { currentWalLsn, REPORT_READS } from '../read-pool.ts'
import type { FloorStore } from './floor-store.ts'
import { type Lsn, maxLsn, parseLsn } from './lsn.ts'
import { currentReadContext } from './read-context.ts'
import type { ReplicaNode } from './replica-node.ts'

export type ReplicaReadsDeps = {
  readonly primary: Database
  readonly replicas: readonly ReplicaNode[]
  readonly floors: FloorStore
  /** pg_last_wal_replay_lsn() on the replica now (a fresher answer than the last check), or undefined */
  readonly replayedNow: (replica: ReplicaNode) => Promise<Lsn | undefined>
  readonly onReadError: (replica: ReplicaNode, error: unknown) => void
}

/** A failure of the connection or the server (rather than of the query) takes the replica out until the next check. */
const isServerFailure = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
  return sqlState === undefined || sqlState.startsWith('08') || sqlState.startsWith('57')
}

/** Reads routed to replicas by replayed WAL position; see docs/replicas.md. */
export const createReplicaReads = (d: ReplicaReadsDeps): ReadPool => {
  let turn = 0
  const asking = new Map<ReplicaNode, Promise<Lsn>>()

  /** One question per replica at a time, however many reads wait for the answer. */
  const refresh = (r: ReplicaNode): Promise<Lsn> => {
    const pending = asking.get(r)
    if (pending) return pending
    const p = d
      .replayedNow(r)
      .then((lsn) => {
        if (lsn !== undefined && lsn > r.state.replayed) r.state = { ...r.state, replayed: lsn }
        return r.state.replayed
      })
      .finally(() => asking.delete(r))
    asking.set(r, p)
    return p
  }

  const choose = async (need: Lsn): Promise<ReplicaNode | undefined> => {
    const live = d.replicas.filter((r) => r.state.inRotation)
    if (live.length === 0) return undefined
    turn = (turn + 1) % live.length
    const order = [...live.slice(turn), ...live.slice(0, turn)]
    const ready = order.find((r) => r.state.replayed >= need)
    if (ready) return ready
    const [first] = order as [ReplicaNode]
    return (await refresh(first)) >= need ? first : undefined
  }

  return {
    replicated: d.replicas.length > 0,
    read: async (scope, run) => {
      const context = scope === REPORT_READS ? undefined : currentReadContext()
      if (context?.primary) return run(d.primary.orm)
      const need = scope === REPORT_READS ? 0n : maxLsn(await d.floors.get(scope), context?.after ?? 0n)
      const replica = await choose(need)
      if (!replica) return run(d.primary.orm)
      try {
        return await run(replica.orm)
      } catch (e) {
        if (isServerFailure(e)) replica.state = { ...replica.state, inRotation: false, reason: 'unreachable' }
        d.onReadError(replica, e)
        return run(d.primary.orm)
      }
    },
    changed: async (scope) => {
      const lsn = parseLsn(await currentWalLsn(d.primary))
      if (lsn !== undefined) await d.floors.raise(scope, lsn)
    },
    writePosition: () => currentWalLsn(d.primary),
  }
}
