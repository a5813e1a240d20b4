import { err, ok } from '../../../platform/result.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import type { OrderProcessingApi } from '../processing-contract.ts'
import type { ingestTracking } from './ingest-tracking.ts'

/**
 * A carrier's webhook: the carrier adapter verifies the signature over the raw body (nothing is
 * read before that), then the events go through the deduplicating ingestion. Events of parcels
 * we do not know yet are refused as a whole, so the carrier sends them again: a parcel booked a
 * moment ago may not be committed when its first event arrives. `afterRecorded` runs after the
 * commit when something new was recorded.
 */
export const receiveWebhook =
  (c: ProcessingContext, ingest: ReturnType<typeof ingestTracking>, afterRecorded: () => void): OrderProcessingApi['receiveWebhook'] =>
  async ({ carrier: name, rawBody, headers }) => {
    const carrier = c.carriers.get(name)
    if (!carrier) return err({ code: 'FULFILLMENT_UNKNOWN_CARRIER', message: `No carrier "${name}" is configured.`, carrier: name })
    const events = await carrier.verifyWebhook({ rawBody, headers })
    if (!events) return err({ code: 'FULFILLMENT_BAD_SIGNATURE', message: 'The webhook signature does not verify.' })
    const report = await ingest(name, events)
    if (report.unknown > 0 && report.recorded + report.duplicates === 0) {
      const shipmentIds = [...new Set(events.map((e) => e.shipmentId))]
      return err({ code: 'FULFILLMENT_UNKNOWN_SHIPMENT', message: `No shipment ${shipmentIds.join(', ')} (yet).`, shipmentIds })
    }
    if (report.recorded > 0) afterRecorded()
    return ok(report)
  }
