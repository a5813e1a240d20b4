import { newId } from '../../platform/ids/new-id.ts'
import { ORDERS_TOPICS } from '../orders/index.ts'
import type { ProcessingContext, ProcessingDeps } from './processing-deps.ts'
import type { OrderProcessingApi } from './processing-contract.ts'
import type { ProcessingOptions } from './processing-options.ts'
import { eraseOrderData } from './store/erase-order-data.ts'
import { pruneRateQuotes } from './store/rate-quote-sql.ts'
import { captureDue } from './use-cases/capture-due.ts'
import { ingestTracking } from './use-cases/ingest-tracking.ts'
import { cancelParcels, sendOrderConfirmation } from './use-cases/order-messages.ts'
import { pollTracking } from './use-cases/poll-tracking.ts'
import { processPlacedOrder, processReleasedOrder } from './use-cases/process-placed-order.ts'
import { receiveWebhook } from './use-cases/receive-webhook.ts'
import { listShipments, trackingFor } from './use-cases/read-shipments.ts'
import { cancelHeld, listHeld, releaseHeld } from './use-cases/review-held-order.ts'

/** Shipment ids: the platform's sortable ids under a prefix of their own (`ship_` is a shipping option). */
const shipmentId = () => `shpm_${newId('ship').slice('ship_'.length)}`

/** How long an expired live-rate quote is kept, and how often the prune runs. */
export const RATE_QUOTE_RETENTION_MS = 24 * 3600_000
const PRUNE_QUOTES_EVERY_MS = 15 * 60_000

/** The durable consumer names (docs/events.md); renaming one starts it afresh. */
export const PROCESSING_CONSUMERS = {
  process: 'fulfillment.process-placed-order',
  release: 'fulfillment.process-released-order',
  confirm: 'fulfillment.send-order-confirmation',
  cancel: 'fulfillment.cancel-parcels',
} as const

/** Order processing after checkout: risk, allocation and carriers, tracking, capture policy, order e-mails (docs/processing.md). */
export const createOrderProcessing = (d: ProcessingDeps, options: ProcessingOptions): OrderProcessingApi => {
  const c: ProcessingContext = { ...d, options, newId: d.newId ?? shipmentId }
  const ingest = ingestTracking(c)
  const capture = captureDue(c)
  const kick = () => {
    void capture().catch((e: unknown) => c.logger.error({ err: e }, 'capture run failed'))
  }
  return {
    registerConsumers: (registry) => {
      // the carrier is called in `prepare`, outside any transaction (docs/processing.md)
      registry.subscribe({ consumer: PROCESSING_CONSUMERS.process, topic: ORDERS_TOPICS.orderPlaced, ...processPlacedOrder(c) })
      registry.subscribe({ consumer: PROCESSING_CONSUMERS.release, topic: ORDERS_TOPICS.statusChanged, ...processReleasedOrder(c) })
      registry.subscribe({ consumer: PROCESSING_CONSUMERS.confirm, topic: ORDERS_TOPICS.orderPlaced, handle: sendOrderConfirmation(c) })
      registry.subscribe({ consumer: PROCESSING_CONSUMERS.cancel, topic: ORDERS_TOPICS.orderCanceled, ...cancelParcels(c) })
    },
    jobs: [
      { name: 'fulfillment.capture-due', everyMs: options.captureIntervalMs, run: capture },
      {
        name: 'fulfillment.prune-rate-quotes',
        everyMs: PRUNE_QUOTES_EVERY_MS,
        run: () => pruneRateQuotes(c.db.orm, new Date(c.clock.now().getTime() - RATE_QUOTE_RETENTION_MS)),
      },
      ...(options.pollIntervalMs > 0
        ? [
            {
              name: 'fulfillment.poll-tracking',
              everyMs: Math.max(1000, Math.floor(options.pollIntervalMs / 2)),
              run: pollTracking(c, ingest),
            },
          ]
        : []),
    ],
    // a parcel on its way may have made a capture due: make it now rather than at the next job run
    receiveWebhook: receiveWebhook(c, ingest, () => {
      if (options.capturePolicy === 'on_fulfillment') kick()
    }),
    pollTracking: pollTracking(c, ingest),
    captureDue: capture,
    listShipments: listShipments(c),
    trackingFor: trackingFor(c),
    listHeld: listHeld(c),
    releaseHeld: releaseHeld(c),
    cancelHeld: cancelHeld(c),
    carrierStatus: () => [...c.carriers.values()].map((carrier) => carrier.status()),
    eraseForOrders: ({ orderIds }, tx) => eraseOrderData(tx ?? c.db.orm, orderIds),
  }
}
