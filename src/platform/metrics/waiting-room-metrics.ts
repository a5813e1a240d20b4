import { Counter, Gauge, Histogram } from 'prom-client'
import { metricsRegistry } from './registry.ts'

/**
 * The waiting room's instruments; the waiting room updates them. The queue length is the shared
 * one (every process sees the same queue), so across `serve --workers` the largest value wins.
 */
export const waitingRoomMetrics = {
  /** shoppers holding a ticket and not yet admitted */
  queueLength: new Gauge({
    name: 'crest_waiting_room_queue_length',
    help: 'Shoppers waiting in the waiting room (holding a ticket, not yet admitted)',
    aggregator: 'max',
    registers: [metricsRegistry],
  }),
  /** 1 while the waiting room is turning new shoppers away into the queue, else 0 */
  active: new Gauge({
    name: 'crest_waiting_room_active',
    help: '1 while new shoppers are queued instead of let in, else 0',
    aggregator: 'max',
    registers: [metricsRegistry],
  }),
  /** the configured admission rate, shoppers per second */
  admissionRateLimit: new Gauge({
    name: 'crest_waiting_room_admission_rate_limit_per_second',
    help: 'Configured admission rate of the waiting room, shoppers per second',
    aggregator: 'max',
    registers: [metricsRegistry],
  }),
  ticketsIssued: new Counter({
    name: 'crest_waiting_room_tickets_issued_total',
    help: 'Waiting-room tickets handed out',
    registers: [metricsRegistry],
  }),
  /** the admission rate is rate(crest_waiting_room_admitted_total[1m]) */
  admitted: new Counter({
    name: 'crest_waiting_room_admitted_total',
    help: 'Shoppers admitted from the waiting room into the store',
    registers: [metricsRegistry],
  }),
  waitSeconds: new Histogram({
    name: 'crest_waiting_room_wait_seconds',
    help: 'Time from a ticket being issued to its holder being admitted',
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600],
    registers: [metricsRegistry],
  }),
}
