import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { engineKinds } from '../support/test-database.ts'
import {
  adminPost,
  advance,
  carrierLedger,
  paymentLedger,
  placeOrder,
  type Shop,
  sentOf,
  shipmentsOf,
  startShop,
  stockAt,
  variants,
  waitFor,
  waitForOrder,
  waitForParcels,
} from './processing-fixture.ts'

describe.each(engineKinds())('%s: order processing from checkout to delivered', (engine) => {
  let s: Shop
  let a: string
  let b: string
  beforeAll(async () => {
    s = await startShop(engine)
    ;[a, b] = (await variants(s.t, 2)) as [string, string]
    await stockAt(s.t, a, 'warehouse', 100)
    await stockAt(s.t, b, 'store', 100)
  }, 120_000)
  afterAll(async () => {
    await s?.close()
  })

  test('one parcel at the carrier, one confirmation, capture when it ships, then delivered step by step', async () => {
    const order = await placeOrder(s.t, [{ variantId: a, quantity: 2 }])
    const [parcel] = await waitForParcels(
      s,
      order.id,
      'the parcel to be booked and labelled',
      (p) => p.length === 1 && p[0]?.events.length === 1,
    )
    if (!parcel) throw new Error('no parcel')
    expect(parcel).toMatchObject({ carrier: 'sandbox', status: 'label_created', items: [{ variant_id: a, quantity: 2 }] })
    expect(parcel.tracking_number).toMatch(/^SBX/)
    await waitFor(
      'the confirmation e-mail',
      () => sentOf(s, order.id, 'order_confirmation'),
      (m) => m.length === 1,
    )
    const [confirmation] = await sentOf(s, order.id, 'order_confirmation')
    expect(confirmation?.subject).toContain(order.number)
    expect(confirmation?.file).toContain(`Message-ID: ${confirmation?.message_id}`)
    expect(confirmation?.text).toContain(`/orders/lookup?number=${order.number}`)
    expect(await paymentLedger(s, order.id, 'capture')).toEqual([]) // on_fulfillment: not before it ships
    const shelf = async () => {
      const r = await s.t.modules.inventory.getStock(a)
      if (!r.ok) throw new Error(r.error.message)
      return r.value.levels.reduce((t, l) => ({ on_hand: t.on_hand + l.on_hand, reserved: t.reserved + l.reserved }), {
        on_hand: 0,
        reserved: 0,
      })
    }
    expect(await shelf()).toEqual({ on_hand: 100, reserved: 2 }) // held for the order until it leaves

    await advance(s, parcel.carrier_shipment_id) // in transit
    let o = await waitForOrder(
      s,
      order.id,
      'shipped and captured',
      (x) => x.fulfillment_status === 'fulfilled' && x.payment_status === 'captured',
    )
    expect(o.history.find((h) => h.status === 'fulfilled')?.note).toBe(`Shipped with sandbox ${parcel.tracking_number}`)
    expect(await shelf()).toEqual({ on_hand: 98, reserved: 0 }) // the units left the shelf; free stock unchanged
    await waitFor(
      'the shipped e-mail',
      () => sentOf(s, order.id, 'order_shipped'),
      (m) => m.length === 1,
    )
    expect((await sentOf(s, order.id, 'order_shipped'))[0]?.text).toContain(parcel.tracking_number)

    await advance(s, parcel.carrier_shipment_id) // out for delivery
    await waitForParcels(s, order.id, 'out for delivery', (p) => p[0]?.status === 'out_for_delivery')
    await advance(s, parcel.carrier_shipment_id) // delivered
    o = await waitForOrder(s, order.id, 'completed', (x) => x.status === 'completed')
    await waitFor(
      'the delivered e-mail',
      () => sentOf(s, order.id, 'order_delivered'),
      (m) => m.length === 1,
    )

    expect(o.history.map((h) => `${h.field}:${h.status}`)).toEqual([
      'status:pending',
      'payment_status:pending',
      'fulfillment_status:unfulfilled',
      'payment_status:authorized',
      'status:placed',
      'fulfillment_status:fulfilled',
      'payment_status:captured',
      'status:completed',
    ])
    expect(o.history.find((h) => h.status === 'completed')?.note).toBe('Delivered')
    const [done] = await shipmentsOf(s, order.id)
    expect(done?.events.map((e) => e.status)).toEqual(['label_created', 'in_transit', 'out_for_delivery', 'delivered'])

    // each side effect exactly once
    expect((await carrierLedger(s, order.id)).filter((e) => e.type === 'shipment')).toHaveLength(1)
    expect(await paymentLedger(s, order.id, 'capture')).toHaveLength(1)
    for (const template of ['order_confirmation', 'order_shipped', 'order_delivered'])
      expect(await sentOf(s, order.id, template)).toHaveLength(1)

    // the shopper's views: the store API's tracking, the order page's timeline, the look-up
    const api = await (await fetch(`${s.t.url}/store/orders/${order.id}`, { headers: { 'x-order-token': order.access_token } })).json()
    expect(api.order.tracking).toEqual([{ carrier: 'sandbox', number: parcel.tracking_number, url: parcel.tracking_url }])
    const page = await (await fetch(`${s.t.url}/orders/${order.id}?token=${encodeURIComponent(order.access_token)}`)).text()
    for (const text of [
      'Timeline',
      parcel.tracking_number,
      'in transit',
      'out for delivery',
      'delivered',
      'Shipped with sandbox',
      'Delivery: fulfilled',
    ])
      expect(page).toContain(text)
    const form = (number: string, email: string) =>
      fetch(`${s.t.url}/orders/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ number, email }).toString(),
      })
    const found = await form(order.number, 'BUYER@example.test')
    expect(found.status).toBe(200)
    const foundPage = await found.text()
    expect(foundPage).toContain(parcel.tracking_number)
    expect(foundPage).toContain(`Order <span class="order-number">${order.number}</span>`)
    expect((await form(order.number, 'someone@example.test')).status).toBe(404)
    expect((await fetch(`${s.t.url}/orders/lookup?number=${order.number}`)).status).toBe(200)
  })

  test('an order reserved in two locations ships as two parcels: partly, then fully, then completed; one capture', async () => {
    const order = await placeOrder(s.t, [
      { variantId: a, quantity: 1 },
      { variantId: b, quantity: 3 },
    ])
    const parcels = await waitForParcels(s, order.id, 'two parcels', (p) => p.length === 2 && p.every((x) => x.events.length === 1))
    expect(parcels.map((p) => p.items.map((i) => `${i.variant_id === a ? 'a' : 'b'}×${i.quantity}`)).sort()).toEqual([['a×1'], ['b×3']])
    expect(new Set(parcels.map((p) => p.location_id)).size).toBe(2)
    const [first, second] = parcels as [(typeof parcels)[0], (typeof parcels)[0]]

    await advance(s, first.carrier_shipment_id)
    let o = await waitForOrder(
      s,
      order.id,
      'partly shipped',
      (x) => x.fulfillment_status === 'partially_fulfilled' && x.payment_status === 'captured',
    )
    expect(o.history.find((h) => h.status === 'partially_fulfilled')?.note).toBe(
      `1 of 2 parcels shipped (sandbox ${first.tracking_number})`,
    )
    await advance(s, second.carrier_shipment_id)
    await waitForOrder(s, order.id, 'all shipped', (x) => x.fulfillment_status === 'fulfilled')
    for (const p of [first, second]) {
      await advance(s, p.carrier_shipment_id)
      await advance(s, p.carrier_shipment_id)
    }
    o = await waitForOrder(s, order.id, 'completed', (x) => x.status === 'completed')
    expect(o.history.find((h) => h.status === 'completed')?.note).toBe('All 2 parcels delivered')
    await waitFor(
      'the e-mails',
      () => sentOf(s, order.id, 'order_delivered'),
      (m) => m.length === 1,
    )

    expect((await carrierLedger(s, order.id)).filter((e) => e.type === 'shipment')).toHaveLength(2)
    expect(await paymentLedger(s, order.id, 'capture')).toHaveLength(1)
    expect(await sentOf(s, order.id, 'order_shipped')).toHaveLength(2)
    expect(await sentOf(s, order.id, 'order_confirmation')).toHaveLength(1)
    const api = await (await fetch(`${s.t.url}/store/orders/${order.id}`, { headers: { 'x-order-token': order.access_token } })).json()
    expect(api.order.tracking.map((t: { number: string }) => t.number).sort()).toEqual(
      [first.tracking_number, second.tracking_number].sort(),
    )
  })

  test('a lost carrier reply is retried with the same key: still one parcel', async () => {
    await fetch(`${s.carrier.url}/v1/admin/config`, { method: 'POST', body: JSON.stringify({ dropNextReplies: 1 }) })
    const order = await placeOrder(s.t, [{ variantId: a, quantity: 1 }])
    await waitForParcels(s, order.id, 'the parcel', (p) => p.length === 1)
    const booked = (await carrierLedger(s, order.id)).filter((e) => e.type === 'shipment')
    expect(booked).toHaveLength(1)
    expect(booked[0]?.idempotency_key).toMatch(/^fulfillment\.process-placed-order:evt_.+:shipment:loc_/)
  })

  test('an order canceled before pickup has its parcel canceled at the carrier', async () => {
    const order = await placeOrder(s.t, [{ variantId: a, quantity: 1 }])
    await waitForParcels(s, order.id, 'the parcel', (p) => p.length === 1)
    const canceled = await adminPost(s, `/orders/${order.id}/cancel`, { note: 'Customer changed their mind' })
    expect(canceled.status).toBe(200)
    await waitForParcels(s, order.id, 'the parcel canceled', (p) => p[0]?.status === 'canceled')
    expect((await carrierLedger(s, order.id)).map((e) => e.type)).toEqual(['shipment', 'cancellation'])
    // the shopper's view follows within moments (under the full suite's load it once still listed
    // the parcel right after the cancel: see the closing note of 2026-12-04)
    const tracking = await waitFor(
      'the canceled parcel to leave the shopper view',
      async () =>
        (
          (await (await fetch(`${s.t.url}/store/orders/${order.id}`, { headers: { 'x-order-token': order.access_token } })).json()) as {
            order: { tracking: unknown[] }
          }
        ).order.tracking,
      (t) => t.length === 0,
    )
    expect(tracking).toEqual([])
  })

  test('republished events change nothing', async () => {
    const order = await placeOrder(s.t, [{ variantId: a, quantity: 1 }])
    await waitForParcels(s, order.id, 'the parcel', (p) => p.length === 1)
    await waitFor(
      'the confirmation e-mail',
      () => sentOf(s, order.id, 'order_confirmation'),
      (m) => m.length === 1,
    )
    const count = async () => {
      const [row] = await queryRows<{ n: number }>(s.t.engines.db.orm, sql`select count(*)::int as n from platform.deliveries`)
      return row?.n ?? 0
    }
    // as after a relay crash before its commit: every event goes out again
    await s.t.engines.db.orm.execute(sql`update platform.outbox set published_at = null`)
    await waitFor(
      'the outbox to be relayed again',
      async () =>
        (
          await queryRows<{ n: number }>(s.t.engines.db.orm, sql`select count(*)::int as n from platform.outbox where published_at is null`)
        )[0]?.n,
      (n) => n === 0,
    )
    await waitFor('the redeliveries to be skipped', count, (n) => n === 0)
    expect((await carrierLedger(s, order.id)).filter((e) => e.type === 'shipment')).toHaveLength(1)
    expect(await shipmentsOf(s, order.id)).toHaveLength(1)
    expect(
      (await s.t.modules.notifications.listForOrder({ orderId: order.id })).filter((m) => m.template === 'order_confirmation'),
    ).toHaveLength(1)
  })
})
