import type { BusEvent, HandlerContext } from '../../../platform/bus/consumer-registry.ts'
import type { IntegrationsContext } from '../deps.ts'
import { wantsTopic } from '../domain/matches-subscription.ts'
import { insertDeliveries, subscribersOf } from '../store/webhook-sql.ts'

/** The JSON every subscriber receives, fixed once per event so that every attempt sends the same bytes. */
export const webhookBody = (event: BusEvent): string =>
  JSON.stringify({ id: event.id, type: event.topic, created_at: event.createdAt.toISOString(), data: event.payload })

/**
 * The bus handler: in the delivery's transaction, one queued delivery per active subscription
 * that wants the topic. Unique (subscription, event) keeps it to one even if the event comes again.
 */
export const recordEvent = (c: IntegrationsContext) => async (event: BusEvent, ctx: HandlerContext) => {
  // the query filters already; the rule itself lives in the domain
  const subs = (await subscribersOf(ctx.tx, event.topic)).filter((s) => wantsTopic(s.eventTypes, event.topic))
  const now = c.clock.now()
  const body = webhookBody(event)
  await insertDeliveries(
    ctx.tx,
    subs.map((s) => ({
      id: c.newId('whd'),
      subscriptionId: s.id,
      eventId: event.id,
      eventType: event.topic,
      body,
      status: 'queued' as const,
      nextAttemptAt: now,
      createdAt: now,
    })),
  )
}
