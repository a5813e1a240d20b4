import type { PGlite, Transaction } from '@electric-sql/pglite'
import { timed } from './db-operation.ts'

type Queryable = Pick<PGlite, 'query' | 'exec'>

const wrap = <T extends Queryable>(target: T): T => {
  const query = target.query.bind(target)
  const exec = target.exec.bind(target)
  target.query = ((sql: string, ...rest: unknown[]) =>
    timed('pglite', sql, () => (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as T['query']
  target.exec = ((sql: string, ...rest: unknown[]) =>
    timed('pglite', sql, () => (exec as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as T['exec']
  return target
}

/**
 * Times every statement the embedded engine runs, inside transactions too (the same histogram
 * and spans as PostgreSQL, with db_system_name="pglite"). Wraps this instance's methods only.
 */
export const instrumentPglite = (client: PGlite): PGlite => {
  wrap(client)
  const transaction = client.transaction.bind(client)
  client.transaction = (<T>(callback: (tx: Transaction) => Promise<T>) => transaction((tx) => callback(wrap(tx)))) as PGlite['transaction']
  return client
}
