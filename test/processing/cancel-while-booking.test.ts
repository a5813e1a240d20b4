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
// would. The order must not end canceled with a parcel still booked. The carrier is called outside
// any transaction, so nothing else waits for it, on PGlite (one connection) either.
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

  const carrierShipment = async (id: string) => (await (await fetch(`${carrier.url}/v1/shipments/${id}`)).json()) as { status: string }

  test('the cancel goes through during the carrier call; the booking records the parcel, sees the cancel and cancels it at the carrier', async () => {
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
    // nothing waits for the carrier: no transaction is open during its call (on PGlite, before, the
    // whole store waited for it)
    expect(otherAt).toBeLessThan(bookedAt || Number.POSITIVE_INFINITY)
    const canceled = await canceling
    expect(canceled.status).toBe(200)
    expect(canceled.body.order.status).toBe('canceled')
    expect(bookedAt).toBe(0) // the cancel did not wait for the booking either
    // its event finds no parcel yet: the booking has not recorded one
    await deliver(PROCESSING_CONSUMERS.cancel, await eventOf(order.id, ORDERS_TOPICS.orderCanceled))
    await booking

    const parcels = await queryRows<{ status: string; carrier_shipment_id: string }>(
      t.engines.db.orm,
      sql`select status, carrier_shipment_id from fulfillment.shipments where order_id = ${order.id}`,
    )
    expect(parcels.map((p) => p.status)).toEqual(['canceled'])
    const ledger = (await (await fetch(`${carrier.url}/v1/ledger?reference=${order.id}`)).json()) as { entries: { type: string }[] }
    expect(ledger.entries.map((e) => e.type)).toEqual(['shipment', 'cancellation'])
    await post(`${carrier.url}/v1/admin/config`, { latencyMs: 0 })
    expect((await carrierShipment(parcels[0]?.carrier_shipment_id ?? '')).status).toBe('canceled')
    // delivered again past the bus's dedupe (as after a crash before its commit): it books nothing and
    // cancels nothing again
    const placed = await eventOf(order.id, ORDERS_TOPICS.orderPlaced)
    await t.engines.db.orm.execute(
      sql`delete from platform.processed_events where consumer = ${PROCESSING_CONSUMERS.process} and event_id = ${placed.id}`,
    )
    expect(await deliver(PROCESSING_CONSUMERS.process, placed)).toBe('handled')
    const again = (await (await fetch(`${carrier.url}/v1/ledger?reference=${order.id}`)).json()) as { entries: { type: string }[] }
    expect(again.entries).toHaveLength(2)
  }, 60_000)

  test('while the carrier takes 3 s to book a parcel, another store request answers at once', async () => {
    await post(`${carrier.url}/v1/admin/config`, { latencyMs: 3000 })
    const order = await placeOrder(t, [{ variantId: variant, quantity: 1 }])
    const started = Date.now()
    const booking = deliver(PROCESSING_CONSUMERS.process, await eventOf(order.id, ORDERS_TOPICS.orderPlaced))
    await sleep(200) // inside the carrier's call
    const asked = Date.now()
    const cart = await post(`${t.url}/store/carts`, {})
    const took = Date.now() - asked
    await booking
    const booked = Date.now() - started
    console.info(`${engine}: POST /store/carts took ${took} ms during a booking that took ${booked} ms`)
    expect(cart.status).toBe(201)
    expect(booked).toBeGreaterThanOrEqual(3000)
    // it waited for nothing: 4–9 ms alone, up to ~350 ms with the other test files on 2 busy cores; it
    // took the rest of the carrier's call (~2.8 s from here) when the booking held its transaction.
    // The bound is half the call, so a busy machine cannot fail it and the old behaviour cannot pass
    expect(took).toBeLessThan(1500)
    const parcels = await queryRows<{ status: string }>(
      t.engines.db.orm,
      sql`select status from fulfillment.shipments where order_id = ${order.id}`,
    )
    expect(parcels).toEqual([{ status: 'label_created' }])
    await post(`${carrier.url}/v1/admin/config`, { latencyMs: 0 })
  }, 60_000)

  test('a booking that stopped after recording the parcel of a canceled order cancels it when delivered again', async () => {
    await post(`${carrier.url}/v1/admin/config`, { latencyMs: 0 })
    const order = await placeOrder(t, [{ variantId: variant, quantity: 1 }])
    const placed = await eventOf(order.id, ORDERS_TOPICS.orderPlaced)
    await deliver(PROCESSING_CONSUMERS.process, placed)
    // as if the cancel had committed during the carrier call and the booking died after recording the
    // parcel, before canceling it: the order canceled, its event handled (it found no parcel then)
    const canceled = await post(`${t.url}/admin/orders/${order.id}/cancel`, {}, { authorization: `Bearer ${staff}` })
    expect(canceled.status).toBe(200)
    await t.engines.db.orm.execute(
      sql`insert into platform.processed_events (consumer, event_id) values (${PROCESSING_CONSUMERS.cancel}, ${(await eventOf(order.id, ORDERS_TOPICS.orderCanceled)).id})`,
    )
    await t.engines.db.orm.execute(
      sql`delete from platform.processed_events where consumer = ${PROCESSING_CONSUMERS.process} and event_id = ${placed.id}`,
    )
    expect(await deliver(PROCESSING_CONSUMERS.process, placed)).toBe('handled')
    const parcels = await queryRows<{ status: string; carrier_shipment_id: string }>(
      t.engines.db.orm,
      sql`select status, carrier_shipment_id from fulfillment.shipments where order_id = ${order.id}`,
    )
    expect(parcels.map((p) => p.status)).toEqual(['canceled'])
    expect((await carrierShipment(parcels[0]?.carrier_shipment_id ?? '')).status).toBe('canceled')
    const ledger = (await (await fetch(`${carrier.url}/v1/ledger?reference=${order.id}`)).json()) as { entries: { type: string }[] }
    expect(ledger.entries.map((e) => e.type)).toEqual(['shipment', 'cancellation'])
  }, 60_000)

  test('a cancel before the booking: nothing is booked at the carrier', async () => {
    await post(`${carrier.url}/v1/admin/config`, { latencyMs: 0 })
    const order = await placeOrder(t, [{ variantId: variant, quantity: 1 }])
    const canceled = await post(`${t.url}/admin/orders/${order.id}/cancel`, {}, { authorization: `Bearer ${staff}` })
    expect(canceled.status).toBe(200)
    await deliver(PROCESSING_CONSUMERS.process, await eventOf(order.id, ORDERS_TOPICS.orderPlaced))
    await deliver(PROCESSING_CONSUMERS.cancel, await eventOf(order.id, ORDERS_TOPICS.orderCanceled))
    const ledger = (await (await fetch(`${carrier.url}/v1/ledger?reference=${order.id}`)).json()) as { entries: unknown[] }
    expect(ledger.entries).toEqual([])
    expect(await queryRows(t.engines.db.orm, sql`select id from fulfillment.shipments where order_id = ${order.id}`)).toEqual([])
  }, 60_000)
})
