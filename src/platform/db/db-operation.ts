import { performance } from 'node:perf_hooks'
import { dbClientOperationDuration } from '../metrics/db-metrics.ts'
import { failSpan, type Span, SpanKind, startLeafSpan, tracingOn } from '../tracing/tracer.ts'

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

const CALL = /^\s*select\s+([a-z_]+\.[a-z_]+)\s*\(/i

/** The database function a `select schema.fn(…)` statement calls (the checkout's writes, decision 0025), else undefined. */
export const procedureOf = (sql: unknown): string | undefined => (typeof sql === 'string' ? CALL.exec(sql)?.[1] : undefined)

type Child = { observe: (v: number) => void }
/** system → operation → [ok, error] histogram children: no label objects or keys built per statement. */
const children = new Map<DbSystem, Map<string, readonly [Child, Child]>>()
const childFor = (system: DbSystem, op: string, failed: boolean): Child => {
  let byOp = children.get(system)
  if (!byOp) {
    byOp = new Map()
    children.set(system, byOp)
  }
  let pair = byOp.get(op)
  if (!pair) {
    pair = [dbClientOperationDuration.labels(system, op, 'ok'), dbClientOperationDuration.labels(system, op, 'error')]
    byOp.set(op, pair)
  }
  return pair[failed ? 1 : 0]
}

export type DbOperation = { readonly system: DbSystem; readonly op: string; readonly started: number; readonly span: Span | undefined }

/** Starts timing one statement (and, with tracing on, a CLIENT span under the current one). */
export const startDbOperation = (system: DbSystem, sql: unknown): DbOperation => {
  const op = operationOf(sql)
  const procedure = tracingOn() ? procedureOf(sql) : undefined
  const span = !tracingOn()
    ? undefined
    : startLeafSpan(
        procedure ? `${op} ${procedure}` : op === 'other' ? system : `${op} ${system}`,
        {
          'db.system.name': system === 'pglite' ? 'postgresql' : system,
          'db.operation.name': op,
          ...(procedure && { 'db.stored_procedure.name': procedure }),
          'db.query.text': typeof sql === 'string' ? sql.slice(0, 2000) : '',
        },
        SpanKind.CLIENT,
      )
  return { system, op, started: performance.now(), span }
}

/** Records the statement's duration and outcome, and ends its span. */
export const endDbOperation = (o: DbOperation, error?: unknown): void => {
  childFor(o.system, o.op, Boolean(error)).observe((performance.now() - o.started) / 1000)
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
