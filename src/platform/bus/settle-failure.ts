import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { deadLetters, deliveries } from '../db/platform-schema.ts'
import { newId } from '../ids/new-id.ts'
import type { BusEvent } from './consumer-registry.ts'
import { isLastAttempt, type RetryPolicy, retryDelayMs } from './retry-delay.ts'

export type FailedDelivery = {
  readonly consumer: string
  readonly event: BusEvent
  /** the attempt that failed (1-based) */
  readonly attempt: number
  readonly error: string
  /** true when the delivery row is the queue (embedded, replays); false when JetStream holds the message */
  readonly queued: boolean
}

export type Settled = { readonly outcome: 'retry'; readonly delayMs: number } | { readonly outcome: 'dead'; readonly deadLetterId: string }

const MAX_ERROR_LENGTH = 4000

const after = (ms: number) => sql`now() + ${ms}::int * interval '1 millisecond'`

/** Describes a thrown value for the dead-letter record (message, code, and the first cause). */
export const describeError = (e: unknown): string => {
  const one = (x: unknown) => (x instanceof Error ? `${x.name}: ${x.message}` : String(x))
  const cause = e instanceof Error && e.cause !== undefined ? ` (cause: ${one(e.cause)})` : ''
  return `${one(e)}${cause}`.slice(0, MAX_ERROR_LENGTH)
}

/**
 * After a failed attempt: schedule the next one with back-off (the retry history survives
 * restarts in `platform.deliveries`), or, after the last attempt, move the event to
 * `platform.dead_letters` in one transaction with clearing its delivery row.
 */
export const settleFailure = async (db: Database, f: FailedDelivery, policy: RetryPolicy, random = Math.random): Promise<Settled> => {
  if (isLastAttempt(f.attempt, policy)) return { outcome: 'dead', deadLetterId: await deadLetter(db, f) }
  const delayMs = retryDelayMs(f.attempt, policy, random)
  const key = and(eq(deliveries.consumer, f.consumer), eq(deliveries.eventId, f.event.id))
  if (f.queued) {
    await db.orm
      .update(deliveries)
      .set({ availableAt: after(delayMs), lastError: f.error, firstFailedAt: sql`coalesce(${deliveries.firstFailedAt}, now())` })
      .where(key)
  } else {
    await db.orm
      .insert(deliveries)
      .values({
        consumer: f.consumer,
        eventId: f.event.id,
        topic: f.event.topic,
        attempts: f.attempt,
        availableAt: null,
        firstFailedAt: sql`now()`,
        lastError: f.error,
      })
      .onConflictDoUpdate({ target: [deliveries.consumer, deliveries.eventId], set: { attempts: f.attempt, lastError: f.error } })
  }
  return { outcome: 'retry', delayMs }
}

const deadLetter = (db: Database, f: FailedDelivery): Promise<string> =>
  db.orm.transaction(async (tx) => {
    const [gone] = await tx
      .delete(deliveries)
      .where(and(eq(deliveries.consumer, f.consumer), eq(deliveries.eventId, f.event.id)))
      .returning({ firstFailedAt: deliveries.firstFailedAt })
    const id = newId('dlq')
    const [row] = await tx
      .insert(deadLetters)
      .values({
        id,
        consumer: f.consumer,
        eventId: f.event.id,
        topic: f.event.topic,
        aggregateId: f.event.aggregateId,
        payload: f.event.payload,
        error: f.error,
        attempts: f.attempt,
        firstFailedAt: gone?.firstFailedAt ?? sql`now()`,
        lastFailedAt: sql`now()`,
      })
      .onConflictDoNothing()
      .returning({ id: deadLetters.id })
    if (row) return row.id
    // already dead-lettered (a JetStream term that was lost, say): keep the open one
    const [open] = await tx
      .select({ id: deadLetters.id })
      .from(deadLetters)
      .where(and(eq(deadLetters.consumer, f.consumer), eq(deadLetters.eventId, f.event.id), isNull(deadLetters.replayedAt)))
    return open?.id ?? id
  })
