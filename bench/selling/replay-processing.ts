// `--processing replay`: order processing measured on the machine's cores alone, at the pace the
// checkout flow placed the orders. The flow runs first with its events relayed to a JetStream stream
// nobody reads; then `crest serve` stops, `crest worker` processes start on a stream of their own,
// and this replays the flow's outbox rows by marking them unpublished again at the moments they
// were first written. The workers' own relay picks them up, as the serve relay would have, and the
// pipeline runs exactly as in production, only after the checkouts instead of beside them.
import { withClient } from '../environment.ts'
import { type LatencySummary, summarize } from './percentiles.ts'

type Row = { id: string; topic: string; aggregate_id: string; at: number }

export type Replay = {
  /** outbox rows handed to the workers' relay again */
  readonly events: number
  /** order id → when its `order_placed` row was released (epoch ms) */
  readonly placedReleasedAt: ReadonlyMap<string, number>
  readonly startedAt: number
  readonly endedAt: number
}

export type ReplayedProcessing = {
  readonly orders: number
  /** orders still without a parcel when the bench stopped waiting */
  readonly waiting: number
  /** from the order's `order_placed` event being released to its first parcel booked at the carrier */
  readonly lag: LatencySummary
  /** consumer deliveries recorded (platform.processed_events) */
  readonly events: number
  /** those deliveries per second, from the replay's start to the last one */
  readonly eventsPerSecond: number
  /** orders per second the replay offered (the flow's pace) */
  readonly offeredOrdersPerSecond: number
  readonly caughtUpAfterReplayMs: number
}

const PLACED = 'orders.order_placed.v1'
const TICK_MS = 20

/** Releases the published outbox rows again, each at its original offset from the first one (divided by `speed`). */
export const replayOutbox = (databaseUrl: string, say: (line: string) => void, speed = 1): Promise<Replay> =>
  withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ id: string; topic: string; aggregate_id: string; created_at: Date }>(
      `select id, topic, aggregate_id, created_at from platform.outbox where published_at is not null order by created_at, id`,
    )
    const timeline: Row[] = rows.map((r) => ({ id: r.id, topic: r.topic, aggregate_id: r.aggregate_id, at: r.created_at.getTime() }))
    const first = timeline[0]?.at ?? 0
    const span = ((timeline.at(-1)?.at ?? first) - first) / speed
    say(
      `  replaying ${timeline.length} outbox rows over ${(span / 1000).toFixed(1)} s, ${speed === 1 ? 'at the pace they were written' : `${speed} times the pace they were written`}…`,
    )
    const placedReleasedAt = new Map<string, number>()
    const startedAt = Date.now()
    let next = 0
    let lastSaid = startedAt
    while (next < timeline.length) {
      const due: Row[] = []
      const elapsed = Date.now() - startedAt
      while (next < timeline.length && ((timeline[next] as Row).at - first) / speed <= elapsed) due.push(timeline[next++] as Row)
      if (due.length > 0) {
        await c.query('update platform.outbox set published_at = null where id = any($1)', [due.map((r) => r.id)])
        const releasedAt = Date.now()
        for (const r of due) if (r.topic === PLACED) placedReleasedAt.set(r.aggregate_id, releasedAt)
      }
      if (Date.now() - lastSaid >= 5000) {
        lastSaid = Date.now()
        say(`    released ${next} of ${timeline.length}`)
      }
      await new Promise((r) => setTimeout(r, TICK_MS))
    }
    return { events: timeline.length, placedReleasedAt, startedAt, endedAt: Date.now() }
  })

/**
 * After the replay: waits (bounded) until every replayed order has a parcel at the carrier, then
 * reads the lag from release to parcel and the consumer deliveries per second.
 */
export const measureReplayedProcessing = (databaseUrl: string, replay: Replay, maxWaitMs = 120_000): Promise<ReplayedProcessing> =>
  withClient(databaseUrl, async (c) => {
    const ids = [...replay.placedReleasedAt.keys()]
    const parcels = async () =>
      (
        await c.query<{ order_id: string; first: Date }>(
          `select order_id, min(created_at) as first from fulfillment.shipments where order_id = any($1) group by order_id`,
          [ids],
        )
      ).rows
    let booked = await parcels()
    while (booked.length < ids.length && Date.now() - replay.endedAt < maxWaitMs) {
      await new Promise((r) => setTimeout(r, 250))
      booked = await parcels()
    }
    const caughtUpAfterReplayMs = Date.now() - replay.endedAt
    const lags = booked.map((b) => b.first.getTime() - (replay.placedReleasedAt.get(b.order_id) as number))
    const span = await c.query<{ n: string; last: Date | null }>(
      `select count(*) as n, max(processed_at) as last from platform.processed_events`,
    )
    const events = Number(span.rows[0]?.n ?? 0)
    const last = span.rows[0]?.last?.getTime() ?? replay.startedAt
    const seconds = Math.max(0.001, (last - replay.startedAt) / 1000)
    const offeredSeconds = Math.max(0.001, (replay.endedAt - replay.startedAt) / 1000)
    return {
      orders: booked.length,
      waiting: ids.length - booked.length,
      lag: summarize(lags),
      events,
      eventsPerSecond: Math.round((events / seconds) * 10) / 10,
      offeredOrdersPerSecond: Math.round((ids.length / offeredSeconds) * 10) / 10,
      caughtUpAfterReplayMs,
    }
  })
