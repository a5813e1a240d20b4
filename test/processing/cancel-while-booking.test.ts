import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PROCESSING_CONSUMERS } from '../../src/modules/fulfillment/index.ts'
import { ORDERS_TOPICS } from '../../src/modules/orders/index.ts'
import type { BusEvent } from '../../src/platform/bus/consumer-registry.ts'
import { handleDelivery } from '../../src/platform/bus/handle-delivery.ts'
import { loadEvents } from '../../src/platform/bus/load-events.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import { type SandboxCarrier, startSandboxCarrier } from '../../src/sandbox/carrier/index.ts'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { post } from '../checkout/shop.ts'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { sql } from 'drizzle-orm'
import { placeOrder, stockAt, variants } from './processing-fixture.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// No event bus runs here: the test hands each event to its consumer itself, so it decides what
// overlaps. A worker books the parcel (the carrier takes 3.5 s to answer) while staff cancel the
// order, and the cancel's event is handled as soon as the cancel has answered, as another worker
// would. The order must not end canceled with a parcel still booked.
describe.each(engineKinds())('%s: a staff cancel while the parcel is being booked', (engine) => {
  let t: TestApp
  let carrier: SandboxCarrier
  let payments: SandboxPayments
  let staff: string
  let variant: string

  const eventOf = async (orderId: string, topic: string): Promise<BusEvent> => {
    const [row] = await queryRows<{ id: string }>(
      t.engines.db.orm,
      sql`select id from platform.outbox where aggregate_id = ${orderId} and topic = ${topic}`,
    )
    const event = row && (await loadEvents(t.engines.db.orm, [row.id])).get(row.id)
    if (!event) throw new Error(`no ${topic} event for ${orderId}`)
    return event
  }
  const deliver = (consumer: string, event: BusEvent) => {
    const sub = t.modules.consumers.find(consumer, event.topic)
    if (!sub) throw new Error(`${consumer} does not consume ${event.topic}`)
    return handleDelivery(t.engines.db, sub, event, 1)
  }

  beforeAll(async () => {
    payments = await startSandboxPayments({ port: 0 })
    carrier = await startSandboxCarrier({ port: 0, timings: null })
    t = await startTestApp({
      engine,
      seedProducts: 5,
      env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${payments.url}`, CARRIERS: `sandbox=sandbox@${carrier.url}` },
    })
    staff = await staffToken(t)
    ;[variant] = (await variants(t, 1)) as [string]
    await stockAt(t, variant, 'warehouse', 10)
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await carrier?.close()
    await payments?.close()
  })

  test('the cancel waits for the booking, and its event then cancels the parcel at the carrier', async () => {
    await post(`${carrier.url}/v1/admin/config`, { latencyMs: 3500 })
    const order = await placeOrder(t, [{ variantId: variant, quantity: 1 }])
    let bookedAt = 0
    const booking = deliver(PROCESSING_CONSUMERS.process, await eventOf(order.id, ORDERS_TOPICS.orderPlaced)).then(() => {
      bookedAt = Date.now()
    })
    await sleep(800) // the worker is inside the carrier's 3.5 s (its timeout is 5 s)

    const canceling = post(`${t.url}/admin/orders/${order.id}/cancel`, { note: 'changed their mind' }, { authorization: `Bearer ${staff}` })
    await sleep(300)
    // another shopper buys the same variant from the same location while the cancel waits
    const other = await placeOrder(t, [{ variantId: variant, quantity: 1 }])
    const otherAt = Date.now()
    expect(other.status).toBe('placed')
    // the waiting cancel holds no stock row (PGlite has one connection, so nothing overlaps there)
    if (engine === 'postgres') expect(otherAt).toBeLessThan(bookedAt || Number.POSITIVE_INFINITY)
    const canceled = await canceling
    expect(canceled.status).toBe(200)
    expect(canceled.body.order.status).toBe('canceled')
    await deliver(PROCESSING_CONSUMERS.cancel, await eventOf(order.id, ORDERS_TOPICS.orderCanceled))
    await booking

    const parcels = await queryRows<{ status: string }>(
      t.engines.db.orm,
      sql`select status from fulfillment.shipments where order_id = ${order.id}`,
    )
    expect(parcels).toEqual([{ status: 'canceled' }])
    const ledger = (await (await fetch(`${carrier.url}/v1/ledger?reference=${order.id}`)).json()) as { entries: { type: string }[] }
    expect(ledger.entries.map((e) => e.type)).toEqual(['shipment', 'cancellation'])
  }, 60_000)
})
