import { sql } from 'drizzle-orm'
import { compiledSql, perShape } from '../../../platform/db/compiled-statement.ts'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { HistoryField, StatusField } from '../contract.ts'

type Move = { readonly field: StatusField; readonly to: string; readonly allowed: readonly string[] }

type MoveShape = readonly { readonly field: StatusField; readonly allowed: number }[]

/** The statement for one shape of move (which fields, how many allowed values each), built once per shape. */
const moveStatement = perShape(
  (shape: MoveShape) =>
    compiledSql<Record<string, string>, Record<string, unknown>>(() => {
      const moves = shape.map((mv, i) => {
        const from = sql.identifier(`f${i}`)
        const to = sql.placeholder(`to${i}`)
        const allowed = Array.from({ length: mv.allowed }, (_, j) => sql.placeholder(`a${i}_${j}`))
        return {
          col: sql.identifier(mv.field),
          from,
          to,
          moves: allowed.length ? sql`(cur.${from} in (${sql.join(allowed, sql`, `)}) and cur.${from} <> ${to})` : sql`false`,
        }
      })
      return sql`
    with cur as (
      select id, ${sql.join(
        moves.map((mv) => sql`${mv.col} as ${mv.from}`),
        sql`, `,
      )} from orders.orders where id = ${sql.placeholder('orderId')} for update
    ), moved as (
      update orders.orders o set ${sql.join(
        moves.map((mv) => sql`${mv.col} = case when ${mv.moves} then ${mv.to} else o.${mv.col} end`),
        sql`, `,
      )}, updated_at = ${sql.placeholder('now')}::timestamptz
      from cur
      where o.id = cur.id and (${sql.join(
        moves.map((mv) => mv.moves),
        sql` or `,
      )})
    )
    select ${sql.join(
      moves.map((mv) => sql`cur.${mv.from}`),
      sql`, `,
    )} from cur`
    }),
  (shape) => shape.map((mv) => `${mv.field}:${mv.allowed}`).join(','),
)

/**
 * The conditional write of an order's status fields, one or several at once: each field moves to
 * its `to` only when it currently holds one of its `allowed` (and is not `to` already); the others
 * keep their value. The CTE locks the row and reads its latest committed values, so the condition
 * and the answer hold even when a concurrent transition committed a moment before; concurrent
 * movers of one order queue on that lock. Returns each field's value before the write, in the
 * order given (a field moved when that value was allowed and not its `to`), or null when the order
 * does not exist. Fields must be distinct.
 */
export const moveStatuses = async (
  ex: Executor,
  m: { readonly orderId: string; readonly moves: readonly Move[]; readonly now: Date },
): Promise<string[] | null> => {
  const statement = moveStatement(m.moves.map((mv) => ({ field: mv.field, allowed: mv.allowed.length })))
  const values: Record<string, unknown> = { orderId: m.orderId, now: m.now.toISOString() }
  m.moves.forEach((mv, i) => {
    values[`to${i}`] = mv.to
    mv.allowed.forEach((a, j) => {
      values[`a${i}_${j}`] = a
    })
  })
  const row = (await statement(ex, values))[0]
  return row ? m.moves.map((_, i) => row[`f${i}`] as string) : null
}

/** The current value of `field`, or null when the order does not exist. */
export const currentStatus = async (ex: Executor, orderId: string, field: StatusField): Promise<string | null> => {
  const rows = await queryRows<{ v: string }>(ex, sql`select ${sql.identifier(field)} as v from orders.orders where id = ${orderId}`)
  return rows[0]?.v ?? null
}

/**
 * Appends a history row. Its time is `now`, but always after the order's latest entry, so the
 * history reads in order even when several transitions share a millisecond or a transaction.
 */
export const appendHistory = async (
  ex: Executor,
  h: {
    readonly id: string
    readonly orderId: string
    readonly field: HistoryField
    readonly from: string | null
    readonly to: string
    readonly note: string
    readonly now: Date
  },
): Promise<Date> => {
  const rows = await queryRows<{ at: string }>(
    ex,
    sql`
    insert into orders.history (id, order_id, field, from_value, to_value, note, at)
    select ${h.id}, ${h.orderId}, ${h.field}, ${h.from}, ${h.to}, ${h.note},
      greatest(${h.now.toISOString()}::timestamptz,
        (select max(at) + interval '1 millisecond' from orders.history where order_id = ${h.orderId}))
    returning to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at`,
  )
  const at = rows[0]?.at
  return at ? new Date(at) : h.now
}

/**
 * Appends several history rows of one order in one statement, in the given order: the first at
 * `now` (or just after the latest entry), each next one a millisecond later. Returns their times.
 */
export const appendHistoryRows = async (
  ex: Executor,
  rows: readonly { id: string; orderId: string; field: StatusField; from: string; to: string; note: string; now: Date }[],
): Promise<Date[]> => {
  const first = rows[0]
  if (!first) return []
  const statement = historyStatement(rows.length)
  const values: Record<string, unknown> = { orderId: first.orderId, now: first.now.toISOString() }
  rows.forEach((h, n) => {
    Object.assign(values, { [`id${n}`]: h.id, [`field${n}`]: h.field, [`from${n}`]: h.from, [`to${n}`]: h.to, [`note${n}`]: h.note })
  })
  const out = await statement(ex, values)
  const atOf = new Map(out.map((r) => [r.id, new Date(r.at)]))
  return rows.map((r) => atOf.get(r.id) ?? r.now)
}

/** The insert of `count` history rows, built once per count. */
const historyStatement = perShape((count: number) =>
  compiledSql<{ id: string; at: string }, Record<string, unknown>>(() => {
    const p = (name: string) => sql.placeholder(name)
    const values = sql.join(
      Array.from(
        { length: count },
        (_, n) => sql`(${p(`id${n}`)}, ${p(`field${n}`)}, ${p(`from${n}`)}, ${p(`to${n}`)}, ${p(`note${n}`)}, ${n}::int)`,
      ),
      sql`, `,
    )
    return sql`
    insert into orders.history (id, order_id, field, from_value, to_value, note, at)
    select v.id, ${p('orderId')}, v.field, v.from_value, v.to_value, v.note,
      greatest(${p('now')}::timestamptz,
        (select max(at) + interval '1 millisecond' from orders.history where order_id = ${p('orderId')}))
        + v.n * interval '1 millisecond'
    from (values ${values}) as v(id, field, from_value, to_value, note, n)
    returning id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at`
  }),
)
