import { performance } from 'node:perf_hooks'
import { dbClientOperationDuration } from '../metrics/db-metrics.ts'
import { failSpan, type Span, SpanKind, startLeafSpan } from '../tracing/tracer.ts'

export type DbSystem = 'postgresql' | 'pglite'

const KNOWN = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'with',
  'begin',
  'commit',
  'rollback',
  'savepoint',
  'release',
  'set',
  'show',
  'create',
  'alter',
  'drop',
  'lock',
  'copy',
  'truncate',
  'values',
  'explain',
])
const VERB = /^[\s(]*([A-Za-z]+)/

/** The statement's SQL verb, lower case, from a fixed list (anything else is "other": the label set stays small). */
export const operationOf = (sql: unknown): string => {
  if (typeof sql !== 'string') return 'other'
  const verb = VERB.exec(sql)?.[1]?.toLowerCase()
  return verb && KNOWN.has(verb) ? verb : 'other'
}

type Child = { observe: (v: number) => void }
const children = new Map<string, Child>()
const childFor = (system: DbSystem, op: string, outcome: 'ok' | 'error'): Child => {
  const key = `${system}|${op}|${outcome}`
  let c = children.get(key)
  if (!c) {
    c = dbClientOperationDuration.labels(system, op, outcome)
    children.set(key, c)
  }
  return c
}

export type DbOperation = { readonly system: DbSystem; readonly op: string; readonly started: number; readonly span: Span | undefined }

/** Starts timing one statement (and, with tracing on, a CLIENT span under the current one). */
export const startDbOperation = (system: DbSystem, sql: unknown): DbOperation => {
  const op = operationOf(sql)
  const span = startLeafSpan(
    op === 'other' ? system : `${op} ${system}`,
    {
      'db.system.name': system === 'pglite' ? 'postgresql' : system,
      'db.operation.name': op,
      'db.query.text': typeof sql === 'string' ? sql.slice(0, 2000) : '',
    },
    SpanKind.CLIENT,
  )
  return { system, op, started: performance.now(), span }
}

/** Records the statement's duration and outcome, and ends its span. */
export const endDbOperation = (o: DbOperation, error?: unknown): void => {
  childFor(o.system, o.op, error ? 'error' : 'ok').observe((performance.now() - o.started) / 1000)
  if (o.span) {
    if (error) failSpan(o.span, error)
    o.span.end()
  }
}

/** Times a promise-returning statement. */
export const timed = <T>(system: DbSystem, sql: unknown, run: () => Promise<T>): Promise<T> => {
  const o = startDbOperation(system, sql)
  return run().then(
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
