import type { ProcessingContext } from '../processing-deps.ts'
import { quietShipments, touchShipment } from '../store/shipment-sql.ts'
import type { ingestTracking } from './ingest-tracking.ts'

const BATCH = 50

/**
 * For carriers without webhooks, and webhooks that never came: parcels still on their way that
 * heard nothing for a poll interval are asked for their events, which go through the same
 * deduplicating ingestion as webhooks.
 */
export const pollTracking = (c: ProcessingContext, ingest: ReturnType<typeof ingestTracking>) => async () => {
  const report = { shipments: 0, recorded: 0 }
  const now = c.clock.now()
  for (const s of await quietShipments(c.db.orm, new Date(now.getTime() - c.options.pollIntervalMs), BATCH)) {
    const carrier = c.carriers.get(s.carrier)
    if (!carrier) continue
    const r = await carrier.trackingEvents({ shipmentId: s.carrierShipmentId })
    if (!r.ok) {
      c.logger.warn({ shipment: s.id, error: r.error }, 'tracking poll failed')
      continue
    }
    report.shipments++
    report.recorded += (await ingest(s.carrier, r.value)).recorded
    await touchShipment(c.db.orm, s.id, c.clock.now())
  }
  return report
}
