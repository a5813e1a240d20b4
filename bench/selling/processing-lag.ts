import type pg from 'pg'
import { withClient } from '../environment.ts'
import { type LatencySummary, summarize } from './percentiles.ts'

export type ProcessingResult = {
  readonly orders: number
  /** orders still without a parcel when the bench stopped waiting */
  readonly waiting: number
  /** from the order being placed to its (first) parcel booked at the carrier */
  readonly lag: LatencySummary
  /** consumer deliveries recorded (platform.processed_events) from the first order placed to the last delivery */
  readonly events: number
  readonly eventsPerSecond: number
  readonly caughtUpAfterFlowMs: number
}

const placedWithoutParcel = (c: pg.Client) =>
  c
    .query<{ n: string }>(
      `select count(*) as n from orders.orders o
        where o.status = 'placed' and not exists (select 1 from fulfillment.shipments s where s.order_id = o.id)`,
    )
    .then((r) => Number(r.rows[0]?.n ?? 0))

/**
 * After the checkout flow: waits (bounded) until every placed order has a parcel at the carrier,
 * then reads from the database how long each took from "placed" to "parcel booked", and how many
 * consumer deliveries the workers recorded per second.
 */
export const measureProcessing = async (databaseUrl: string, flowEndedAt: number, maxWaitMs = 120_000): Promise<ProcessingResult> =>
  withClient(databaseUrl, async (c) => {
    let waiting = await placedWithoutParcel(c)
    while (waiting > 0 && Date.now() - flowEndedAt < maxWaitMs) {
      await new Promise((r) => setTimeout(r, 250))
      waiting = await placedWithoutParcel(c)
    }
    const caughtUpAfterFlowMs = Date.now() - flowEndedAt
    const lags = await c.query<{ ms: string }>(
      `select extract(epoch from (s.first_parcel - h.at)) * 1000 as ms
         from orders.history h
         join (select order_id, min(created_at) as first_parcel from fulfillment.shipments group by order_id) s on s.order_id = h.order_id
        where h.field = 'status' and h.to_value = 'placed'`,
    )
    const span = await c.query<{ n: string; first: Date | null; last: Date | null }>(
      `select count(*) as n,
         (select min(at) from orders.history where field = 'status' and to_value = 'placed') as first,
         max(processed_at) as last
         from platform.processed_events`,
    )
    const row = span.rows[0]
    const seconds = row?.first && row.last ? Math.max(0.001, (row.last.getTime() - row.first.getTime()) / 1000) : 0
    const events = Number(row?.n ?? 0)
    return {
      orders: lags.rows.length,
      waiting,
      lag: summarize(lags.rows.map((r) => Number(r.ms))),
      events,
      eventsPerSecond: seconds ? Math.round((events / seconds) * 10) / 10 : 0,
      caughtUpAfterFlowMs,
    }
  })
