import { and, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import { deadLetters, deliveries } from '../db/platform-schema.ts'
import { cursorCodec } from '../http/opaque-cursor.ts'
import { err, ok, type Result } from '../result.ts'

export type DeadLetter = {
  readonly id: string
  readonly consumer: string
  readonly eventId: string
  readonly topic: string
  readonly aggregateId: string
  readonly payload: unknown
  readonly error: string
  readonly attempts: number
  readonly firstFailedAt: Date
  readonly lastFailedAt: Date
  readonly replayedAt: Date | null
}

export type DeadLetterStatus = 'open' | 'replayed' | 'all'

export type DeadLetterQuery = {
  readonly consumer?: string
  readonly topic?: string
  readonly status?: DeadLetterStatus
  readonly limit: number
  readonly cursor?: string
}

export type DeadLetterPage = { readonly deadLetters: readonly DeadLetter[]; readonly nextCursor: string | null }

export type DeadLetterError =
  | { readonly code: 'BUS_DEAD_LETTER_NOT_FOUND'; readonly message: string }
  | { readonly code: 'BUS_DEAD_LETTER_ALREADY_REPLAYED'; readonly message: string; readonly replayedAt: string }
  | { readonly code: 'BUS_INVALID_CURSOR'; readonly message: string }

export type DeadLettersApi = {
  /** Newest first, keyset-paginated by id. */
  readonly listDeadLetters: (q: DeadLetterQuery) => Promise<Result<DeadLetterPage, DeadLetterError>>
  /**
   * Queues the event again for that one consumer (a fresh set of attempts) and marks the dead
   * letter replayed, in one transaction. Any process running that consumer picks it up, with
   * either transport. If it fails again, it comes back as a new dead letter.
   */
  readonly replayDeadLetter: (id: string) => Promise<Result<DeadLetter, DeadLetterError>>
}

const cursor = cursorCodec(z.object({ id: z.string().min(1).max(64) }).strict())

const statusFilter = (s: DeadLetterStatus) =>
  s === 'open' ? isNull(deadLetters.replayedAt) : s === 'replayed' ? isNotNull(deadLetters.replayedAt) : undefined

export const createDeadLetters = (db: Database): DeadLettersApi => ({
  listDeadLetters: async (q) => {
    const after = q.cursor === undefined ? null : cursor.decode(q.cursor)
    if (q.cursor !== undefined && !after)
      return err({ code: 'BUS_INVALID_CURSOR', message: 'The cursor is malformed; start again without one.' })
    const rows = await db.orm
      .select()
      .from(deadLetters)
      .where(
        and(
          statusFilter(q.status ?? 'open'),
          q.consumer ? eq(deadLetters.consumer, q.consumer) : undefined,
          q.topic ? eq(deadLetters.topic, q.topic) : undefined,
          after ? lt(deadLetters.id, after.id) : undefined,
        ),
      )
      .orderBy(desc(deadLetters.id))
      .limit(q.limit + 1)
    const page = rows.slice(0, q.limit)
    const last = page.at(-1)
    return ok({ deadLetters: page, nextCursor: rows.length > q.limit && last ? cursor.encode({ id: last.id }) : null })
  },
  replayDeadLetter: (id) =>
    db.orm.transaction(async (tx): Promise<Result<DeadLetter, DeadLetterError>> => {
      const [replayed] = await tx
        .update(deadLetters)
        .set({ replayedAt: sql`now()` })
        .where(and(eq(deadLetters.id, id), isNull(deadLetters.replayedAt)))
        .returning()
      if (!replayed) {
        const [found] = await tx.select({ replayedAt: deadLetters.replayedAt }).from(deadLetters).where(eq(deadLetters.id, id))
        if (!found?.replayedAt) return err({ code: 'BUS_DEAD_LETTER_NOT_FOUND', message: `No dead letter ${id}.` })
        const at = found.replayedAt.toISOString()
        return err({ code: 'BUS_DEAD_LETTER_ALREADY_REPLAYED', message: `Dead letter ${id} was replayed at ${at}.`, replayedAt: at })
      }
      const fresh = { attempts: 0, availableAt: sql`now()`, firstFailedAt: null, lastError: null }
      await tx
        .insert(deliveries)
        .values({ consumer: replayed.consumer, eventId: replayed.eventId, topic: replayed.topic, ...fresh })
        .onConflictDoUpdate({ target: [deliveries.consumer, deliveries.eventId], set: fresh })
      return ok(replayed)
    }),
})
