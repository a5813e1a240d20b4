import { Param, Placeholder, type SQL, sql } from 'drizzle-orm'
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

/** A compiled statement's inputs for one run: the values in parameter order, ready for the driver. */
type Fill = (values: Record<string, unknown>) => unknown[]

const placeholderValue = (values: Record<string, unknown>, name: string) => {
  if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`)
  return values[name] ?? null
}

/**
 * How each parameter gets its value: a placeholder's by name, through its column's encoding
 * (jsonb, timestamps) unless it is null, as drizzle treats a null value in a query it builds
 * (drizzle's own filling would encode a null too: JSON 'null' for jsonb).
 */
const fillFor = (params: readonly unknown[]): Fill => {
  const each = params.map((p): ((values: Record<string, unknown>) => unknown) => {
    if (p instanceof Placeholder) return (values) => placeholderValue(values, p.name)
    if (p instanceof Param && p.value instanceof Placeholder) {
      const { name } = p.value
      const { encoder } = p
      return (values) => {
        const v = placeholderValue(values, name)
        return v === null ? null : encoder.mapToDriverValue(v)
      }
    }
    return () => p
  })
  return (values) => each.map((f) => f(values))
}

type Built<R> = { readonly query: Prepared<R>; readonly fill: Fill }

const runner = <R, V extends Record<string, unknown>>(prepare: (db: Executor) => Prepared<R>) => {
  // one build per driver (node-postgres and PGlite prepare differently), made on first use
  const built = new Map<unknown, Built<R>>()
  return async (db: Executor, values: V): Promise<R> => {
    const session = (db as unknown as WithSession).session
    const kind = session.constructor
    let base = built.get(kind)
    if (base === undefined) {
      const query = prepare(db)
      base = { query, fill: fillFor((query as unknown as { params: unknown[] }).params) }
      built.set(kind, base)
    }
    // the built query with this run's values, on this executor's client (the pool, or the
    // connection holding the transaction); drizzle passes filled values through as they are
    const run = Object.create(base.query) as Prepared<R> & { client: unknown; params: unknown[] }
    run.client = session.client
    run.params = base.fill(values)
    return run.execute({})
  }
}

/**
 * One compiled statement per shape (a count of values, a choice of fields), made on first use.
 * `keyOf` names a shape as a string; a number or a string names itself. An object shape without
 * `keyOf` does not type-check, so no call can make a statement of its own by accident. Keep the
 * shapes few: each stays for the life of the process (lists up to LIST_SHAPES_UP_TO long).
 */
export function perShape<K extends string | number, S>(make: (shape: K) => S): (shape: K) => S
export function perShape<K, S>(make: (shape: K) => S, keyOf: (shape: K) => string): (shape: K) => S
export function perShape<K, S>(make: (shape: K) => S, keyOf: (shape: K) => unknown = (shape) => shape): (shape: K) => S {
  const made = new Map<unknown, S>()
  return (shape) => {
    const key = keyOf(shape)
    let statement = made.get(key)
    if (statement === undefined) {
      statement = make(shape)
      made.set(key, statement)
    }
    return statement
  }
}

/** Lists (of ids, of rows) up to this long get a compiled statement per length; longer ones are built each time. */
export const LIST_SHAPES_UP_TO = 8

/** `n` placeholders `${prefix}0, ${prefix}1, …` joined by commas, for an `in (…)` list. */
export const placeholderList = (prefix: string, n: number): SQL =>
  sql.join(
    Array.from({ length: n }, (_, i) => sql.placeholder(`${prefix}${i}`)),
    sql`, `,
  )

/** The values for `placeholderList(prefix, values.length)`. */
export const listValues = (prefix: string, values: readonly unknown[]): Record<string, unknown> =>
  Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v]))
