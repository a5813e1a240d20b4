import { type SQL, sql } from 'drizzle-orm'
import type { PgPreparedQuery, PreparedQueryConfig } from 'drizzle-orm/pg-core'
import type { Executor } from './database.ts'

type Prepared<R> = PgPreparedQuery<PreparedQueryConfig & { execute: R }>

/** A drizzle query whose values are `sql.placeholder(...)`s, ready to be built once. */
export type Preparable<R> = { prepare(name: string): Prepared<R> }

/** What drizzle keeps on a pool's or a transaction's session: the driver client its statements run on. */
type Session = {
  readonly client: unknown
  prepareQuery(query: unknown, fields: undefined, name: string, arrayMode: false): Prepared<{ rows: unknown[] }>
}
type WithSession = { readonly session: Session; readonly dialect: { sqlToQuery(q: SQL): unknown } }

/**
 * A statement drizzle builds once and runs many times (decision 0024). Building a query is a
 * large part of a request's CPU on the checkout path (walking the query's parts, quoting names,
 * numbering parameters); a compiled statement keeps the built text, parameter list and result
 * mapping, and each run only fills in the values and sends it on the given pool or transaction.
 * Write the query with `sql.placeholder('name')` for every value, then call the result with
 * the executor and the values by name.
 */
export const compiled = <R, V extends Record<string, unknown>>(build: (db: Executor) => Preparable<R>) =>
  runner<R, V>((db) => build(db).prepare(''))

/**
 * As `compiled`, for a raw `sql` statement (what `queryRows` runs): returns its rows as objects.
 * `build` gets the first executor, for statements that embed a builder's SQL (`.getSQL()`).
 */
export const compiledSql = <Row, V extends Record<string, unknown>>(build: (db: Executor) => SQL) => {
  const run = runner<{ rows: unknown[] }, V>((db) => {
    const { session, dialect } = db as unknown as WithSession
    return session.prepareQuery(dialect.sqlToQuery(build(db)), undefined, '', false)
  })
  return async (db: Executor, values: V): Promise<Row[]> => (await run(db, values)).rows as Row[]
}

const runner = <R, V extends Record<string, unknown>>(prepare: (db: Executor) => Prepared<R>) => {
  // one build per driver (node-postgres and PGlite prepare differently), made on first use
  const built = new Map<unknown, Prepared<R>>()
  return (db: Executor, values: V): Promise<R> => {
    const session = (db as unknown as WithSession).session
    const kind = session.constructor
    let base = built.get(kind)
    if (base === undefined) {
      base = prepare(db)
      built.set(kind, base)
    }
    // the built query with this executor's client: the pool, or the connection holding the transaction
    const run = Object.create(base) as Prepared<R> & { client: unknown }
    run.client = session.client
    return run.execute(values)
  }
}

/**
 * One compiled statement per shape (a count of values, a choice of fields), made on first use.
 * Keep the shapes few: a statement per shape stays for the life of the process.
 */
export const perShape = <K, S>(make: (shape: K) => S): ((shape: K) => S) => {
  const made = new Map<K, S>()
  return (shape) => {
    let statement = made.get(shape)
    if (statement === undefined) {
      statement = make(shape)
      made.set(shape, statement)
    }
    return statement
  }
}

/** `n` placeholders `${prefix}0, ${prefix}1, …` joined by commas, for an `in (…)` list. */
export const placeholderList = (prefix: string, n: number): SQL =>
  sql.join(
    Array.from({ length: n }, (_, i) => sql.placeholder(`${prefix}${i}`)),
    sql`, `,
  )

/** The values for `placeholderList(prefix, values.length)`. */
export const listValues = (prefix: string, values: readonly unknown[]): Record<string, unknown> =>
  Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v]))
