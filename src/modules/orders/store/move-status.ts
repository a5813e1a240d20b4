import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { HistoryField, StatusField } from '../contract.ts'

const list = (values: readonly string[]) =>
  values.length
    ? sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )
    : null

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
  m: {
    readonly orderId: string
    readonly moves: readonly { readonly field: StatusField; readonly to: string; readonly allowed: readonly string[] }[]
    readonly now: Date
  },
): Promise<string[] | null> => {
  const moves = m.moves.map((mv, i) => {
    const allowed = list(mv.allowed)
    const from = sql.identifier(`f${i}`)
    return {
      ...mv,
      col: sql.identifier(mv.field),
      from,
      moves: allowed ? sql`(cur.${from} in (${allowed}) and cur.${from} <> ${mv.to})` : sql`false`,
    }
  })
  const rows = await queryRows<Record<string, string>>(
    ex,
    sql`
    with cur as (
      select id, ${sql.join(
        moves.map((mv) => sql`${mv.col} as ${mv.from}`),
        sql`, `,
      )} from orders.orders where id = ${m.orderId} for update
    ), moved as (
      update orders.orders o set ${sql.join(
        moves.map((mv) => sql`${mv.col} = case when ${mv.moves} then ${mv.to} else o.${mv.col} end`),
        sql`, `,
      )}, updated_at = ${m.now.toISOString()}::timestamptz
      from cur
      where o.id = cur.id and (${sql.join(
        moves.map((mv) => mv.moves),
        sql` or `,
      )})
    )
    select ${sql.join(
      moves.map((mv) => sql`cur.${mv.from}`),
      sql`, `,
    )} from cur`,
  )
  const row = rows[0]
  return row ? moves.map((_, i) => row[`f${i}`] as string) : null
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
  const values = sql.join(
    rows.map((h, n) => sql`(${h.id}, ${h.field}, ${h.from}, ${h.to}, ${h.note}, ${n}::int)`),
    sql`, `,
  )
  const out = await queryRows<{ id: string; at: string }>(
    ex,
    sql`
    insert into orders.history (id, order_id, field, from_value, to_value, note, at)
    select v.id, ${first.orderId}, v.field, v.from_value, v.to_value, v.note,
      greatest(${first.now.toISOString()}::timestamptz,
        (select max(at) + interval '1 millisecond' from orders.history where order_id = ${first.orderId}))
        + v.n * interval '1 millisecond'
    from (values ${values}) as v(id, field, from_value, to_value, note, n)
    returning id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at`,
  )
  const atOf = new Map(out.map((r) => [r.id, new Date(r.at)]))
  return rows.map((r) => atOf.get(r.id) ?? r.now)
}
