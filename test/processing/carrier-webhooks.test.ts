import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { signatureHeader } from '../../src/platform/http/webhook-signature.ts'
import { CARRIER_SIGNATURE_HEADER, DEFAULT_CARRIER_WEBHOOK_SECRET } from '../../src/sandbox/carrier/index.ts'
import { post } from '../checkout/shop.ts'
import { engineKinds } from '../support/test-database.ts'
import {
  advance,
  orderOf,
  paymentLedger,
  placeOrder,
  type Shop,
  sentOf,
  startShop,
  stockAt,
  variants,
  waitFor,
  waitForOrder,
  waitForParcels,
} from './processing-fixture.ts'

type WireEvent = { id: string; shipment_id: string; seq: number; status: string }

describe.each(engineKinds())('%s: carrier webhooks', (engine) => {
  let s: Shop
  let variant: string
  beforeAll(async () => {
    s = await startShop(engine)
    ;[variant] = (await variants(s.t, 1)) as [string]
    await stockAt(s.t, variant, 'warehouse', 100)
  }, 120_000)
  afterAll(async () => {
    await s?.close()
  })

  const webhooks = (on: boolean) =>
    post(`${s.carrier.url}/v1/admin/config`, { webhookUrl: on ? `${s.t.url}/webhooks/carriers/sandbox` : null })
  const eventsAt = async (carrierShipmentId: string): Promise<WireEvent[]> =>
    (await (await fetch(`${s.carrier.url}/v1/shipments/${carrierShipmentId}/events`)).json()).events
  const send = async (body: string, o: { secret?: string; at?: number; header?: string | null; carrier?: string } = {}) => {
    const t = o.at ?? Math.floor(Date.now() / 1000)
    const header = o.header === undefined ? signatureHeader(o.secret ?? DEFAULT_CARRIER_WEBHOOK_SECRET, body, t) : o.header
    const r = await fetch(`${s.t.url}/webhooks/carriers/${o.carrier ?? 'sandbox'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header !== null && { [CARRIER_SIGNATURE_HEADER]: header }) },
      body,
    })
    // biome-ignore lint/suspicious/noExplicitAny: response JSON, asserted field by field
    return { status: r.status, body: (await r.json()) as any }
  }
  const trackingRows = async () =>
    (await queryRows<{ n: number }>(s.t.engines.db.orm, sql`select count(*)::int as n from fulfillment.tracking_events`))[0]?.n ?? 0

  const shippedOrder = async () => {
    const order = await placeOrder(s.t, [{ variantId: variant, quantity: 1 }])
    const [parcel] = await waitForParcels(s, order.id, 'the labelled parcel', (p) => p[0]?.events.length === 1)
    if (!parcel) throw new Error('no parcel')
    return { order, parcel }
  }

  test('a replayed webhook is a duplicate; a bad signature, a stale one or a tampered body gets 401 and changes nothing', async () => {
    const { order, parcel } = await shippedOrder()
    const [labelled] = await eventsAt(parcel.carrier_shipment_id)
    const body = JSON.stringify(labelled)
    expect(await send(body)).toEqual({ status: 200, body: { recorded: 0, duplicates: 1, unknown: 0 } })

    await webhooks(false)
    await advance(s, parcel.carrier_shipment_id) // in transit, not told
    const transit = (await eventsAt(parcel.carrier_shipment_id)).find((e) => e.status === 'in_transit')
    const transitBody = JSON.stringify(transit)
    const before = await trackingRows()
    const now = Math.floor(Date.now() / 1000)
    for (const bad of [
      await send(transitBody, { secret: 'whsec_wrong' }),
      await send(transitBody, { at: now - 3600 }),
      await send(transitBody, { header: null }),
      await send(transitBody, { header: 'garbage' }),
      await send(transitBody.replace('"in_transit"', '"delivered"'), {
        header: signatureHeader(DEFAULT_CARRIER_WEBHOOK_SECRET, transitBody, now),
      }),
    ]) {
      expect(bad.status).toBe(401)
      expect(bad.body.error.code).toBe('invalid_signature')
    }
    expect(await trackingRows()).toBe(before)
    expect((await orderOf(s, order.id)).fulfillment_status).toBe('unfulfilled')
    expect(await paymentLedger(s, order.id, 'capture')).toEqual([])

    // the genuine one goes through once
    expect(await send(transitBody)).toEqual({ status: 200, body: { recorded: 1, duplicates: 0, unknown: 0 } })
    expect(await send(transitBody)).toEqual({ status: 200, body: { recorded: 0, duplicates: 1, unknown: 0 } })
    await waitForOrder(s, order.id, 'shipped and captured', (o) => o.fulfillment_status === 'fulfilled' && o.payment_status === 'captured')
    await waitFor(
      'the shipped e-mail',
      () => sentOf(s, order.id, 'order_shipped'),
      (m) => m.length === 1,
    )
    expect(await paymentLedger(s, order.id, 'capture')).toHaveLength(1)
    await webhooks(true)
  })

  test('unknown carriers and shipments are refused without effect', async () => {
    const before = await trackingRows()
    const event = {
      id: 'evt_nope',
      object: 'tracking_event',
      shipment_id: 'shp_nope',
      tracking_number: 'SBX0',
      reference: 'ord_x',
      seq: 1,
      status: 'in_transit',
      description: 'x',
      occurred_at: new Date().toISOString(),
    }
    const unknown = await send(JSON.stringify(event))
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('unknown_shipment')
    const carrier = await send(JSON.stringify(event), { carrier: 'ups' })
    expect(carrier.status).toBe(404)
    expect(carrier.body.error.code).toBe('unknown_carrier')
    expect(await trackingRows()).toBe(before)
  })

  test('events out of order: a delivery heard before its transit completes the order, the late transit moves nothing back', async () => {
    const { order, parcel } = await shippedOrder()
    await webhooks(false)
    for (let i = 0; i < 3; i++) await advance(s, parcel.carrier_shipment_id)
    const events = await eventsAt(parcel.carrier_shipment_id)
    await webhooks(true)
    expect(events.map((e) => e.status)).toEqual(['label_created', 'in_transit', 'out_for_delivery', 'delivered'])
    for (const e of [...events].reverse()) expect((await send(JSON.stringify(e))).status).toBe(200)
    const o = await waitForOrder(s, order.id, 'completed', (x) => x.status === 'completed' && x.payment_status === 'captured')
    expect(o.fulfillment_status).toBe('fulfilled')
    const [done] = await waitForParcels(s, order.id, 'every event', (p) => p[0]?.events.length === 4)
    expect(done?.status).toBe('delivered')
    await waitFor(
      'the e-mails',
      () => sentOf(s, order.id, 'order_delivered'),
      (m) => m.length === 1,
    )
    expect(await sentOf(s, order.id, 'order_shipped')).toHaveLength(1)
    expect(await paymentLedger(s, order.id, 'capture')).toHaveLength(1)
  })

  test('polling picks up what no webhook told', async () => {
    const { order, parcel } = await shippedOrder()
    await webhooks(false)
    await advance(s, parcel.carrier_shipment_id)
    await advance(s, parcel.carrier_shipment_id)
    await webhooks(true)
    const polled = await s.t.modules.processing.pollTracking()
    expect(polled.recorded).toBeGreaterThanOrEqual(2)
    const o = await waitForOrder(s, order.id, 'shipped', (x) => x.fulfillment_status === 'fulfilled')
    expect(o.status).toBe('placed')
    const [now] = await waitForParcels(s, order.id, 'polled events', (p) => p[0]?.status === 'out_for_delivery')
    expect(now?.events.map((e) => e.status)).toEqual(['label_created', 'in_transit', 'out_for_delivery'])
  })
})
