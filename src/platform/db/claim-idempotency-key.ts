import { and, isNull, lt, or, sql } from 'drizzle-orm'
import type { Database } from './database.ts'
import { IDEMPOTENCY_KEEP_HOURS } from './expire-idempotency-keys.ts'
import { idempotencyKeys } from './platform-schema.ts'

const KEEP_MS = IDEMPOTENCY_KEEP_HOURS * 3600 * 1000
const ABANDONED_MS = 60 * 1000 // an in-progress claim older than this belongs to a dead request

/**
 * Claims `(scope, key)` in platform.idempotency_keys: true when this caller now holds it (new, or
 * taken over from an answer past its 24 h or a claim abandoned for a minute), false when another
 * holds it or has answered. Shared by the API's `Idempotency-Key` and `runOnce`.
 */
export const claimIdempotencyKey = async (db: Database, scope: string, key: string, requestHash = ''): Promise<boolean> => {
  const now = Date.now()
  const claimed = await db.orm
    .insert(idempotencyKeys)
    .values({ scope, key, requestHash })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: { requestHash, statusCode: null, responseBody: null, createdAt: sql`now()` },
      setWhere: or(
        lt(idempotencyKeys.createdAt, new Date(now - KEEP_MS)),
        and(isNull(idempotencyKeys.statusCode), lt(idempotencyKeys.createdAt, new Date(now - ABANDONED_MS))),
      ),
    })
    .returning({ key: idempotencyKeys.key })
  return claimed.length > 0
}
