import { type SQL, sql } from 'drizzle-orm'

/** An instant as a SQL parameter; ISO text with an explicit cast reads the same on both drivers. */
export const instant = (at: Date): SQL => sql`${at.toISOString()}::timestamptz`

/**
 * A derived table (variant_id, currency, amount) of the campaign price in force at `at`, one per variant and
 * currency, for the variants `variantIds` selects (a list or a subquery). When schedules overlap, the one that
 * started last wins, then the one created last: the same rule for every read, the cart and the price ranges.
 */
export const activeSchedules = (at: Date, variantIds: SQL): SQL => activeSchedulesAt(instant(at), variantIds)

/** As activeSchedules, with the instant given as SQL (a parameter or a placeholder, cast to timestamptz). */
export const activeSchedulesAt = (at: SQL, variantIds: SQL): SQL => sql`(
  select distinct on (s.variant_id, s.currency) s.variant_id, s.currency, s.amount
  from catalog.price_schedules s
  where s.variant_id in (${variantIds}) and s.starts_at <= ${at} and s.ends_at > ${at}
  order by s.variant_id, s.currency, s.starts_at desc, s.created_at desc, s.id desc
)`

/** A list of ids as SQL parameters. */
export const idList = (ids: readonly string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )
