import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { runJobs } from '../../jobs/run-every.ts'
import type { Logger } from '../../logging/create-logger.ts'
import { dbReplicaLagSeconds } from '../../metrics/db-metrics.ts'
import { type Database, type Orm, queryRows } from '../database.ts'
import { watchPool } from '../instrument-pg.ts'
import { currentWalLsn, type ReadPool } from '../read-pool.ts'
import { createStatementNamer, nameRepeatedStatements } from '../prepared-statements.ts'
import { type FloorStore, localFloors } from './floor-store.ts'
import type { ReplicaProbe } from './judge-replica.ts'
import { type Lsn, parseLsn } from './lsn.ts'
import { type ReplicaNode, uncheckedState } from './replica-node.ts'
import { createReplicaChecker } from './replica-checker.ts'
import { createReplicaReads } from './replica-reads.ts'

export type ReplicaOptions = {
  readonly urls: readonly string[]
  readonly poolSize: number
  /** statements run again and again are prepared per connection (decision 0022) */
  readonly prepare?: boolean
  readonly maxLagSeconds: number
  readonly checkIntervalMs: number
  /** shared floors (Redis) when several processes serve; default: this process only */
  readonly floors?: FloorStore
}

export type Replicas = {
  readonly reads: ReadPool
  readonly nodes: readonly ReplicaNode[]
  /** runs one health check now (the loop runs one every checkIntervalMs) */
  readonly check: () => Promise<void>
  readonly close: () => Promise<void>
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())])

const nameOf = (url: string) => {
  const u = new URL(url)
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`
}

type Probed = { in_recovery: boolean; paused: boolean; replayed: string | null }

const probeQuery = sql`select pg_is_in_recovery() as in_recovery,
  case when pg_is_in_recovery() then pg_is_wal_replay_paused() else false end as paused,
  pg_last_wal_replay_lsn()::text as replayed`

const probeOf = (orm: Orm, timeoutMs: number) => async (): Promise<ReplicaProbe> => {
  try {
    const [row] = await withTimeout(queryRows<Probed>(orm, probeQuery), timeoutMs)
    if (!row) return { reachable: false, error: 'no answer' }
    return { reachable: true, inRecovery: row.in_recovery, paused: row.paused, replayed: parseLsn(row.replayed) ?? 0n }
  } catch (e) {
    return { reachable: false, error: (e as Error).message }
  }
}

const openNode = (url: string, o: ReplicaOptions, pools: pg.Pool[]): ReplicaNode => {
  const pool = new pg.Pool({
    connectionString: url,
    max: o.poolSize,
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    // a replica that stops answering fails the read, which then runs on the primary
    query_timeout: 5_000,
    application_name: 'crest-replica-reads',
  })
  pool.on('error', () => {})
  if (o.prepare) {
    const namer = createStatementNamer()
    pool.on('connect', (client) => nameRepeatedStatements(client, namer))
  }
  pools.push(pool)
  const name = nameOf(url)
  watchPool(pool, `replica ${name}`, o.poolSize)
  const orm = drizzle(pool) as unknown as Orm
  return { name, orm, probe: probeOf(orm, Math.max(500, Math.min(2_000, o.checkIntervalMs))), state: uncheckedState }
}

/** Opens the replicas, checks them once, and keeps checking them in the background. */
export const openReplicas = async (primary: Database, o: ReplicaOptions, logger: Logger): Promise<Replicas> => {
  const pools: pg.Pool[] = []
  const nodes = o.urls.map((url) => openNode(url, o, pools))
  const primaryPosition = async (): Promise<Lsn> => parseLsn(await currentWalLsn(primary)) ?? 0n
  const check = createReplicaChecker({
    replicas: nodes,
    primaryPosition,
    maxLagSeconds: o.maxLagSeconds,
    now: Date.now,
    onChecked: (r, previous) => {
      dbReplicaLagSeconds.set({ replica: r.name }, r.state.lagSeconds)
      if (previous.inRotation !== r.state.inRotation || previous.reason !== r.state.reason) {
        const log = { replica: r.name, reason: r.state.reason, lagSeconds: r.state.lagSeconds }
        if (r.state.inRotation) logger.info(log, 'read replica in rotation')
        else logger.warn(log, 'read replica out of rotation')
      }
    },
  })
  const reads = createReplicaReads({
    primary,
    replicas: nodes,
    floors: o.floors ?? localFloors(),
    replayedNow: async (r) => {
      const p = await r.probe()
      return p.reachable && p.inRecovery ? p.replayed : undefined
    },
    onReadError: (r, err) => logger.warn({ err, replica: r.name }, 'read on replica failed; ran it on the primary'),
  })
  await check()
  const stop = runJobs([{ name: 'replica-health', everyMs: o.checkIntervalMs, run: check }], logger)
  return {
    reads,
    nodes,
    check,
    close: async () => {
      await stop()
      await Promise.all(pools.map((p) => p.end()))
      for (const r of nodes) dbReplicaLagSeconds.remove({ replica: r.name })
    },
  }
}
