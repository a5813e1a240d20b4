import { and, eq } from 'drizzle-orm'
import type { Database } from './database.ts'
import { claimIdempotencyKey } from './claim-idempotency-key.ts'
import { idempotencyKeys } from './platform-schema.ts'

/**
 * Work done once per key, however often it is asked for: a form sent twice (a double-click on
 * "Place order") gets the first sending's answer. The first caller claims the key in
 * `platform.idempotency_keys`, runs the work and keeps its answer there (JSON); a caller with the
 * same key waits for that answer instead of running the work again. Rows share the API's
 * `Idempotency-Key` table and its rules: an answer is kept 24 h, and a claim left by a request
 * that died is taken over after a minute.
 */
export type RunOnce = <T>(scope: string, key: string, work: () => Promise<T>) => Promise<OnceResult<T>>

/** `ran`: this caller did the work; `replayed`: another did, and this is its answer; `busy`: still at it after the wait. */
export type OnceResult<T> = { readonly kind: 'ran' | 'replayed'; readonly value: T } | { readonly kind: 'busy' }

export type RunOnceOptions = {
  /** how long a repeat waits for the first caller's answer */
  readonly waitMs?: number
  readonly pollMs?: number
}

const DONE = 200

export const runOnce =
  (db: Database, o: RunOnceOptions = {}): RunOnce =>
  async <T>(scope: string, key: string, work: () => Promise<T>): Promise<OnceResult<T>> => {
    const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key))
    const now = Date.now()
    if (await claimIdempotencyKey(db, scope, key)) {
      let value: T
      try {
        value = await work()
      } catch (e) {
        await db.orm.delete(idempotencyKeys).where(where) // nothing to replay: a repeat may try again
        throw e
      }
      await db.orm.update(idempotencyKeys).set({ statusCode: DONE, responseBody: { value } }).where(where)
      return { kind: 'ran', value }
    }
    const deadline = now + (o.waitMs ?? 30_000)
    for (;;) {
      const [row] = await db.orm
        .select({ statusCode: idempotencyKeys.statusCode, responseBody: idempotencyKeys.responseBody })
        .from(idempotencyKeys)
        .where(where)
      if (row?.statusCode === DONE) return { kind: 'replayed', value: (row.responseBody as { value: T }).value }
      if (!row) return runOnce(db, o)(scope, key, work) // the first caller failed and let go: try ourselves
      if (Date.now() >= deadline) return { kind: 'busy' }
      await new Promise((r) => setTimeout(r, o.pollMs ?? 100))
    }
  }
