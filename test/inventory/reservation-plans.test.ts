import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { type Executor, queryRows } from '../../src/platform/db/database.ts'
import { databasePerEngine } from '../support/database-per-engine.ts'
import { engineKinds } from '../support/test-database.ts'

const databaseOn = databasePerEngine()

/** The index names in the generic plan of a prepared statement (as PL/pgSQL and pg run them). */
const indexesUsed = async (tx: Executor, name: string, statement: string, arg: string): Promise<string[]> => {
  await tx.execute(sql.raw(`prepare ${name}(text) as ${statement}`))
  const rows = await queryRows<{ 'QUERY PLAN': unknown }>(tx, sql.raw(`explain (format json) execute ${name}('${arg}')`))
  const found = JSON.stringify(rows[0]?.['QUERY PLAN']).match(/"Index Name":"[a-z_]+"/g) ?? []
  return [...new Set(found.map((m) => m.slice(14, -1)))]
}

describe.each(engineKinds())('reservation statements on %s', (kind) => {
  // Every hold starts active and ends committed, so an index on active holds keeps an entry for
  // each committed one until the next vacuum. An order's own statements must not read through them.
  test("an order's holds are found by the order's ref, not through the expiry index; the expiry sweep keeps that index", async () => {
    const db = databaseOn(kind)
    await db.orm.execute(sql`
      insert into inventory.reservations (id, ref, variant_id, location_id, quantity, expires_at)
      select 'res_' || n, 'ord_' || n, 'var_1', 'loc_1', 1, now() + interval '15 minutes'
      from generate_series(1, 3000) n`)
    await db.orm.execute(sql`update inventory.reservations set status = 'committed'`)
    await db.orm.execute(sql`
      insert into inventory.reservations (id, ref, variant_id, location_id, quantity, expires_at)
      values ('res_probe', 'ord_probe', 'var_1', 'loc_1', 1, now() + interval '15 minutes')`)
    await db.orm.execute(sql`analyze inventory.reservations`)

    await db.orm.transaction(async (tx) => {
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`)
      // the shapes of inventory.commit_holds, commitStock and releaseStock
      const commit = await indexesUsed(
        tx,
        'commit_probe',
        `update inventory.reservations set status = 'committed' where ref = $1 and status = 'active'`,
        'ord_probe',
      )
      const release = await indexesUsed(
        tx,
        'release_probe',
        `select id from inventory.reservations where ref = $1 and status = 'active' for update`,
        'ord_probe',
      )
      // the shape of releaseExpired
      const sweep = await indexesUsed(
        tx,
        'sweep_probe',
        `select id from inventory.reservations where status = 'active' and expires_at < now() - $1::interval
         order by expires_at limit 100 for update skip locked`,
        '0 seconds',
      )
      expect(commit).toEqual(['reservations_ref_idx'])
      expect(release).toEqual(['reservations_ref_idx'])
      expect(sweep).toEqual(['reservations_expiry_idx'])
      await tx.execute(sql`deallocate all`)
    })
  })
})
