import { and, eq } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { deliveries, processedEvents } from '../db/platform-schema.ts'
import { type BusEvent, eventIdempotencyKey, type Subscription } from './consumer-registry.ts'

export type HandleOutcome = 'handled' | 'duplicate'

/**
 * Delivers one event to one consumer, effectively once: in one transaction it records
 * (consumer, event id) in `processed_events`, runs the handler, and clears the consumer's delivery
 * row. When the record already exists (a redelivery after a crash, a republished row, a lost
 * ack) the handler is not called. When the handler throws, nothing commits and the error is
 * rethrown for the caller to schedule a retry or a dead letter.
 *
 * Two deliveries of the same event racing each other are safe too: the second insert waits on
 * the first one's key and then finds it.
 */
export const handleDelivery = (db: Database, sub: Subscription, event: BusEvent, attempt: number): Promise<HandleOutcome> =>
  db.orm.transaction(async (tx) => {
    const fresh = await tx
      .insert(processedEvents)
      .values({ consumer: sub.consumer, eventId: event.id })
      .onConflictDoNothing()
      .returning({ eventId: processedEvents.eventId })
    if (fresh.length > 0) {
      await sub.handle(event, { tx, attempt, idempotencyKey: (step) => eventIdempotencyKey(sub.consumer, event.id, step) })
    }
    await tx.delete(deliveries).where(and(eq(deliveries.consumer, sub.consumer), eq(deliveries.eventId, event.id)))
    return fresh.length > 0 ? 'handled' : 'duplicate'
  })
