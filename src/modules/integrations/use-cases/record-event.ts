import type { BusEvent, HandlerContext } from '../../../platform/bus/consumer-registry.ts'
import type { Tx } from '../../../platform/db/database.ts'
import type { IntegrationsContext } from '../deps.ts'
import { wantsTopic } from '../domain/matches-subscription.ts'
import { insertDeliveries, subscribersOf } from '../store/webhook-sql.ts'

/** The JSON every subscriber receives, fixed once per event so that every attempt sends the same bytes. */
export const webhookBody = (event: BusEvent): string =>
  JSON.stringify({ id: event.id, type: event.topic, created_at: event.createdAt.toISOString(), data: event.payload })

/**
 * The bus handler: in the delivery's transaction, one queued delivery per active subscription
 * that wants the topic, for each event (one query for the subscribers of each topic, one insert).
 * Unique (subscription, event) keeps it to one even if an event comes again.
 */
export const recordEvents = (c: IntegrationsContext) => async (events: readonly BusEvent[], tx: Tx) => {
  const now = c.clock.now()
  const rows = []
  for (const topic of new Set(events.map((e) => e.topic))) {
    // the query filters already; the rule itself lives in the domain
    const subs = (await subscribersOf(tx, topic)).filter((s) => wantsTopic(s.eventTypes, topic))
    if (subs.length === 0) continue
    for (const event of events.filter((e) => e.topic === topic)) {
      const body = webhookBody(event)
      for (const s of subs)
        rows.push({
          id: c.newId('whd'),
          subscriptionId: s.id,
          eventId: event.id,
          eventType: event.topic,
          body,
          status: 'queued' as const,
          nextAttemptAt: now,
          createdAt: now,
        })
    }
  }
  await insertDeliveries(tx, rows)
}

/** The same for one event, as a plain handler. */
export const recordEvent = (c: IntegrationsContext) => {
  const many = recordEvents(c)
  return (event: BusEvent, ctx: HandlerContext) => many([event], ctx.tx)
}
