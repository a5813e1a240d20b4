import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { type Executor, queryRows } from '../../src/platform/db/database.ts'
import { databasePerEngine } from '../support/database-per-engine.ts'
import { engineKinds } from '../support/test-database.ts'

// Decision 0027. A work queue's partial index (holds still active, e-mails and webhooks still due,
// captures still due) keeps an entry for every row that has left the queue until the next vacuum.
// A statement about one row (`id = … and status = 'sending'`) must reach it through its own key,
// not read through those entries; the queue's sweep must keep its index.

const databaseOn = databasePerEngine()

/** The indexes in the generic plan of `statement` (as PL/pgSQL and pg's prepared statements run it). */
const indexesUsed = async (tx: Executor, statement: string, args: readonly (string | number)[]): Promise<string[]> => {
  const types = args.map((a) => (typeof a === 'number' ? 'int' : 'text')).join(', ')
  await tx.execute(sql.raw(`prepare probe${types ? `(${types})` : ''} as ${statement}`))
  const values = args.map((a) => (typeof a === 'number' ? String(a) : `'${a}'`)).join(', ')
  const rows = await queryRows<{ 'QUERY PLAN': unknown }>(tx, sql.raw(`explain (format json) execute probe${values ? `(${values})` : ''}`))
  await tx.execute(sql`deallocate probe`)
  const found = JSON.stringify(rows[0]?.['QUERY PLAN']).match(/"Index Name":"[a-z_]+"/g) ?? []
  return [...new Set(found.map((m) => m.slice(14, -1)))]
}

type Queue = {
  readonly table: string
  /** fills the table with 3,000 rows that have left the queue (and so left dead entries) and one still in it */
  readonly fill: string[]
  readonly oneRow: { readonly statement: string; readonly args: readonly (string | number)[]; readonly index: string }[]
  readonly sweep: { readonly statement: string; readonly index: string }
}

const queues: Queue[] = [
  {
    table: 'inventory.reservations',
    fill: [
      `insert into inventory.reservations (id, ref, variant_id, location_id, quantity, expires_at)
       select 'res_' || n, 'ord_' || n, 'var_1', 'loc_1', 1, now() + interval '15 minutes' from generate_series(0, 3000) n`,
      `update inventory.reservations set status = 'committed' where id <> 'res_0'`,
    ],
    oneRow: [
      // inventory.commit_holds, commitStock
      {
        statement: `update inventory.reservations set status = 'committed' where ref = $1 and status = 'active'`,
        args: ['ord_0'],
        index: 'reservations_ref_idx',
      },
      // releaseStock
      {
        statement: `select id from inventory.reservations where ref = $1 and status = 'active' for update`,
        args: ['ord_0'],
        index: 'reservations_ref_idx',
      },
    ],
    // releaseExpired
    sweep: {
      statement: `select id from inventory.reservations where status = 'active' and expires_at < now()
                  order by expires_at limit 100 for update skip locked`,
      index: 'reservations_expiry_idx',
    },
  },
  {
    table: 'notifications.emails',
    fill: [
      `insert into notifications.emails (id, idempotency_key, template, recipient, data, subject, text_body, html_body,
         message_id, status, next_attempt_at)
       select 'mail_' || n, 'key_' || n, 't', 'a@example.test', '{}', 's', 't', 'h', 'm_' || n, 'sending', now()
       from generate_series(0, 3000) n`,
      `update notifications.emails set status = 'sent' where id <> 'mail_0'`,
    ],
    // email-sql.ts: an attempt's outcome
    oneRow: [
      {
        statement: `update notifications.emails set status = 'sent' where id = $1 and status = 'sending' and attempts = $2`,
        args: ['mail_0', 0],
        index: 'emails_pkey',
      },
    ],
    sweep: {
      // email-sql.ts: claimDue's choice of rows
      statement: `select id from notifications.emails where status in ('queued', 'sending') and next_attempt_at <= now()
                  order by next_attempt_at, id limit 10 for update skip locked`,
      index: 'emails_due_idx',
    },
  },
  {
    table: 'integrations.webhook_deliveries',
    fill: [
      `insert into integrations.webhook_deliveries (id, subscription_id, event_id, event_type, body, status, next_attempt_at, created_at)
       select 'whd_' || n, 'whk_1', 'evt_' || n, 'order.placed', '{}', 'sending', now(), now() from generate_series(0, 3000) n`,
      `update integrations.webhook_deliveries set status = 'delivered' where id <> 'whd_0'`,
    ],
    // webhook-sql.ts: an attempt's outcome
    oneRow: [
      {
        statement: `update integrations.webhook_deliveries set status = 'delivered' where id = $1 and status = 'sending' and attempts = $2`,
        args: ['whd_0', 0],
        index: 'webhook_deliveries_pkey',
      },
    ],
    sweep: {
      // webhook-sql.ts: claimDue's choice of rows
      statement: `select id from integrations.webhook_deliveries where status in ('queued', 'sending') and next_attempt_at <= now()
                  order by next_attempt_at, id limit 10 for update skip locked`,
      index: 'webhook_deliveries_due_idx',
    },
  },
  {
    table: 'fulfillment.order_reviews',
    fill: [
      `insert into fulfillment.order_reviews (order_id, number, email, country, total, currency, placed_at, decision,
         capture_status, capture_next_at)
       select 'ord_' || n, n::text, 'a@example.test', 'NO', 100, 'EUR', now(), 'approved', 'due', now()
       from generate_series(0, 3000) n`,
      `update fulfillment.order_reviews set capture_status = 'done' where order_id <> 'ord_0'`,
    ],
    // review-sql.ts: a capture attempt's outcome
    oneRow: [
      {
        statement: `update fulfillment.order_reviews set capture_status = 'done'
                    where order_id = $1 and capture_attempts = $2 and capture_status = 'due'`,
        args: ['ord_0', 0],
        index: 'order_reviews_pkey',
      },
    ],
    // review-sql.ts: claimDueCaptures's choice of rows
    sweep: {
      statement: `select order_id from fulfillment.order_reviews where capture_status = 'due' and capture_next_at <= now()
                  order by capture_next_at limit 10 for update skip locked`,
      index: 'order_reviews_capture_idx',
    },
  },
]

describe.each(engineKinds())('work-queue indexes on %s', (kind) => {
  test.each(queues)("$table: a statement about one row uses the row's own key; the sweep uses the queue's index", async (q) => {
    const db = databaseOn(kind)
    for (const statement of q.fill) await db.orm.execute(sql.raw(statement))
    await db.orm.execute(sql.raw(`analyze ${q.table}`))
    await db.orm.transaction(async (tx) => {
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`)
      for (const s of q.oneRow) expect(await indexesUsed(tx, s.statement, s.args)).toEqual([s.index])
      expect(await indexesUsed(tx, q.sweep.statement, [])).toEqual([q.sweep.index])
    })
  })
})
