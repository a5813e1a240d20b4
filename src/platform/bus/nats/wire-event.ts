import type { BusEvent } from '../consumer-registry.ts'

/** An event as JSON on the wire (the message id header carries the event id too). */
export type WireEvent = {
  readonly id: string
  readonly topic: string
  readonly aggregate_id: string
  readonly payload: Readonly<Record<string, unknown>>
  readonly created_at: string
}

export const toWire = (e: BusEvent): string =>
  JSON.stringify({
    id: e.id,
    topic: e.topic,
    aggregate_id: e.aggregateId,
    payload: e.payload,
    created_at: e.createdAt.toISOString(),
  } satisfies WireEvent)

/** The event, or null when the message is not one of ours. */
export const fromWire = (data: string): BusEvent | null => {
  try {
    const w = JSON.parse(data) as Partial<WireEvent>
    const createdAt = new Date(w.created_at ?? '')
    if (typeof w.id !== 'string' || typeof w.topic !== 'string' || typeof w.aggregate_id !== 'string') return null
    if (typeof w.payload !== 'object' || w.payload === null || Number.isNaN(createdAt.getTime())) return null
    return { id: w.id, topic: w.topic, aggregateId: w.aggregate_id, payload: w.payload, createdAt }
  } catch {
    return null
  }
}
