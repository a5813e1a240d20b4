import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Carrier, CarrierShipment, TrackingEvent } from '../../src/modules/fulfillment/carriers/index.ts'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A parcel from the demo warehouse in Berlin to a shopper in Paris. */
export const parcel = {
  from: { country: 'DE', name: 'Crest Demo', city: 'Berlin' },
  to: { country: 'FR', name: 'Zoé', city: 'Paris' },
  weightGrams: 1200,
}

export type Delivery = { readonly rawBody: string; readonly headers: IncomingHttpHeaders; readonly status: number }

/** A local webhook receiver: records every POST; `failNext(n, text)` answers 500 to the next n whose body contains text. */
export const startReceiver = async () => {
  const deliveries: Delivery[] = []
  let failing = { n: 0, text: '' }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8')
      const fail = failing.n > 0 && rawBody.includes(failing.text)
      if (fail) failing.n--
      deliveries.push({ rawBody, headers: req.headers, status: fail ? 500 : 200 })
      res.writeHead(fail ? 500 : 200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/carrier`,
    deliveries,
    /** the accepted deliveries whose body names `shipmentId` */
    accepted: (shipmentId: string) => deliveries.filter((d) => d.status === 200 && d.rawBody.includes(`"shipment_id":"${shipmentId}"`)),
    failNext: (n: number, text: string) => {
      failing = { n, text }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Polls `check` until it returns a value, or fails after `ms`. */
export const eventually = async <T>(check: () => Promise<T | undefined> | T | undefined, ms = 5000, what = 'condition'): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await check()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await sleep(10)
  }
}

/** Polls the carrier's tracking events until the shipment is delivered; all its statuses in order. */
export const pollUntilDelivered = (carrier: Carrier, shipmentId: string, ms = 5000): Promise<TrackingEvent[]> =>
  eventually(
    async () => {
      const r = await carrier.trackingEvents({ shipmentId })
      if (!r.ok) throw new Error(r.error.message)
      return r.value.at(-1)?.status === 'delivered' ? [...r.value] : undefined
    },
    ms,
    `shipment ${shipmentId} to be delivered`,
  )

export type LedgerRow = { type: string; shipment_id: string; reference: string; idempotency_key: string }

export const ledger = async (sandboxUrl: string, reference: string): Promise<LedgerRow[]> => {
  const r = await fetch(`${sandboxUrl}/v1/ledger?reference=${encodeURIComponent(reference)}`)
  return ((await r.json()) as { entries: LedgerRow[] }).entries
}

export const configure = async (sandboxUrl: string, c: Record<string, unknown>): Promise<void> => {
  const r = await fetch(`${sandboxUrl}/v1/admin/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(c),
  })
  if (r.status !== 200) throw new Error(`config ${JSON.stringify(c)}: ${r.status} ${await r.text()}`)
}

export const adminMove = async (sandboxUrl: string, shipmentId: string, action: 'advance' | 'exception', reason?: string) => {
  const r = await fetch(`${sandboxUrl}/v1/admin/shipments/${shipmentId}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(reason ? { reason } : {}),
  })
  return { status: r.status, body: (await r.json()) as Record<string, unknown> }
}

export const shipmentOf = <E>(r: { ok: true; value: CarrierShipment } | { ok: false; error: E }): CarrierShipment => {
  if (!r.ok) throw new Error(`expected a shipment, got ${JSON.stringify(r.error)}`)
  return r.value
}
