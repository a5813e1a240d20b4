import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { leases } from '../db/platform-schema.ts'

export type Lease = {
  /** who holds leases taken through this object (host, pid and a random part) */
  readonly holder: string
  /**
   * Takes the named lease for `ttlMs`, or renews it if this holder already has it. False while
   * another holder's lease has not expired. Expiry is judged by the database clock, so processes
   * on hosts whose clocks disagree still agree.
   */
  readonly acquire: (name: string, ttlMs: number) => Promise<boolean>
  /** Gives the lease up at once (if this holder has it) so another process can take over. */
  readonly release: (name: string) => Promise<void>
}

export const newLeaseHolder = (): string => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`

/**
 * Leases as rows in `platform.leases`: one conditional upsert takes or renews one. Works the same
 * on PostgreSQL (many processes) and PGlite (one process, several runners).
 */
export const databaseLease = (db: Database, holder: string = newLeaseHolder()): Lease => ({
  holder,
  acquire: async (name, ttlMs) => {
    const expiresAt = sql`now() + ${Math.ceil(ttlMs)}::int * interval '1 millisecond'`
    const rows = await db.orm
      .insert(leases)
      .values({ name, holder, expiresAt })
      .onConflictDoUpdate({
        target: leases.name,
        set: { holder, expiresAt },
        setWhere: sql`${leases.holder} = ${holder} or ${leases.expiresAt} <= now()`,
      })
      .returning({ holder: leases.holder })
    return rows[0]?.holder === holder
  },
  release: async (name) => {
    await db.orm.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder)))
  },
})
