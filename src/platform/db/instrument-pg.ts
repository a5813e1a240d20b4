import pg from 'pg'
import { dbPools } from '../metrics/db-metrics.ts'
import { endDbOperation, startDbOperation } from './db-operation.ts'

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown
let patched = false

/**
 * Times every statement any `pg` client runs (pools, transactions, replicas alike): the
 * db_client_operation_duration_seconds histogram and, with tracing on, a span per statement.
 * Patches `pg.Client.prototype.query` once per process, as OpenTelemetry's pg instrumentation does;
 * streaming queries (cursors) pass through untouched.
 */
export const instrumentPg = (): void => {
  if (patched) return
  patched = true
  const original = pg.Client.prototype.query as unknown as QueryFn
  const query: QueryFn = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { text?: unknown; submit?: unknown } | string | undefined
    if (config && typeof config === 'object' && typeof config.submit === 'function') return original.apply(this, args)
    const o = startDbOperation('postgresql', typeof config === 'string' ? config : config?.text)
    const last = args.length - 1
    const callback = args[last]
    if (last > 0 && typeof callback === 'function') {
      args[last] = (e: unknown, r: unknown) => {
        endDbOperation(o, e ?? undefined)
        return (callback as (e: unknown, r: unknown) => unknown)(e, r)
      }
      return original.apply(this, args)
    }
    const p = original.apply(this, args) as Promise<unknown>
    return p.then(
      (r) => {
        endDbOperation(o)
        return r
      },
      (e: unknown) => {
        endDbOperation(o, e)
        throw e
      },
    )
  }
  pg.Client.prototype.query = query as unknown as typeof pg.Client.prototype.query
}

/** Reports a pool's connection counts on db_client_connection_* at scrape time, until it ends. */
export const watchPool = (pool: pg.Pool, name: string, max: number): (() => void) => {
  const remove = dbPools.add({
    name,
    counts: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
  })
  const end = pool.end.bind(pool)
  pool.end = (async () => {
    remove()
    return end()
  }) as typeof pool.end
  return remove
}
