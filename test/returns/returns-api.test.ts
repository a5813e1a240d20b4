import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { post } from '../checkout/shop.ts'
import { engineKinds } from '../support/test-database.ts'
import {
  adminGet,
  adminPost,
  carrierLedger,
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
} from '../processing/processing-fixture.ts'
import {
  deliveredDaysAgo,
  deliveredOrder,
  outboxTopics,
  priceVariant,
  STORE,
  stockAtLocation,
  storeReturn,
  WAREHOUSE,
} from './returns-fixture.ts'

describe.each(engineKinds())('%s: returns and exchanges through the API', (engine) => {
  let s: Shop
  let a: string
  let b: string
  let c: string
  let d: string
  beforeAll(async () => {
    s = await startShop(engine, { RETURN_NON_RETURNABLE_CATEGORIES: 'final-sale' })
    ;[a, b, c, d] = (await variants(s.t, 4)) as [string, string, string, string]
    await stockAt(s.t, a, 'warehouse', 100)
    await stockAt(s.t, b, 'warehouse', 100)
    await stockAt(s.t, c, 'warehouse', 20)
    await stockAt(s.t, d, 'warehouse', 20)
  }, 120_000)
  afterAll(async () => {
    await s?.close()
  })

  test('full return: request, approve with a carrier label, receive into the chosen location, refund once', async () => {
    const order = await deliveredOrder(s, [
      { variantId: a, quantity: 2 },
      { variantId: b, quantity: 1 },
    ])
    const itemA = order.items.find((i) => i.variant_id === a)
    if (!itemA) throw new Error('no item')
    expect((await storeReturn(s, order.id, 'otok_wrong', { items: [{ item_id: itemA.id, quantity: 1, reason: 'x' }] })).status).toBe(404)

    const requested = await storeReturn(s, order.id, order.access_token, {
      items: [{ item_id: itemA.id, quantity: 2, reason: 'Too small' }],
    })
    expect(requested.status).toBe(201)
    const ret = requested.body.return
    expect(ret).toMatchObject({ order_id: order.id, status: 'requested', source: 'store', refund_status: 'none', label: null })
    // its share of the goods paid (total less shipping), pro-rata by line value
    const goods = order.total.amount - order.shipping_total.amount
    const exact = (goods * itemA.total.amount) / order.subtotal.amount
    expect(ret.refund_amount.amount).toBeGreaterThanOrEqual(Math.floor(exact))
    expect(ret.refund_amount.amount).toBeLessThanOrEqual(Math.ceil(exact))

    const approved = await adminPost(s, `/returns/${ret.id}/approve`, {})
    expect(approved.status).toBe(200)
    expect(approved.body.return.status).toBe('approved')
    expect(approved.body.return.label).toMatchObject({ carrier: 'sandbox' })
    expect(approved.body.return.label.tracking_number).toMatch(/^SBX/)
    expect((await adminPost(s, `/returns/${ret.id}/label`)).body.return.label).toEqual(approved.body.return.label)
    expect((await carrierLedger(s, order.id)).filter((e) => e.type === 'return_label')).toHaveLength(1)

    const before = { store: await stockAtLocation(s, a, STORE), warehouse: await stockAtLocation(s, a, WAREHOUSE) }
    const received = await adminPost(s, `/returns/${ret.id}/receive`, {
      location_id: STORE,
      items: [{ id: ret.items[0].id, condition: 'sellable' }],
    })
    expect(received.status).toBe(200)
    expect(received.body.return).toMatchObject({ status: 'completed', refund_status: 'refunded' })
    expect(received.body.return.items[0]).toMatchObject({ condition: 'sellable', disposition: 'restocked', location_id: STORE })
    expect(await stockAtLocation(s, a, STORE)).toEqual({ on_hand: before.store.on_hand + 2, reserved: before.store.reserved })
    expect(await stockAtLocation(s, a, WAREHOUSE)).toEqual(before.warehouse)

    // replayed and concurrent refund calls: one refund at the gateway
    const replays = await Promise.all([adminPost(s, `/returns/${ret.id}/refund`), adminPost(s, `/returns/${ret.id}/refund`)])
    expect(replays.map((r) => r.status)).toEqual([200, 200])
    const again = await s.t.modules.payments.refund({ orderId: order.id, amount: ret.refund_amount, idempotencyKey: `return_${ret.id}` })
    expect(again.ok).toBe(true)
    const refunds = await paymentLedger(s, order.id, 'refund')
    expect(refunds).toHaveLength(1)
    expect(refunds[0]?.amount).toBe(ret.refund_amount.amount)

    const o = await orderOf(s, order.id)
    expect(o.fulfillment_status).toBe('partially_returned')
    expect(o.payment_status).toBe('partially_refunded')
    expect(o.history.filter((h) => h.field === 'return').map((h) => h.status)).toEqual([
      'requested',
      'approved',
      'label_created',
      'received',
      'refunded',
    ])
    expect(await outboxTopics(s, ret.id)).toEqual([
      'returns.return_requested.v1',
      'returns.return_approved.v1',
      'returns.label_created.v1',
      'returns.return_received.v1',
      'returns.return_refunded.v1',
    ])
    // the order APIs show the return steps in the history (field `return`)
    const adminOrder = await adminGet(s, `/orders/${order.id}`)
    expect(adminOrder.status).toBe(200)
    expect(adminOrder.body.order.history.filter((h: { field: string }) => h.field === 'return')).toHaveLength(5)
    const storeOrder = await fetch(`${s.t.url}/store/orders/${order.id}`, { headers: { 'x-order-token': order.access_token } })
    expect(storeOrder.status).toBe(200)
    expect(((await storeOrder.json()) as { order: { history: { field: string; status: string }[] } }).order.history.at(-1)).toMatchObject({
      field: 'payment_status',
      status: 'partially_refunded',
    })
    const shown = (await adminGet(s, `/returns/${ret.id}`)).body.return
    expect(shown.steps.map((x: { step: string }) => x.step)).toEqual(['requested', 'approved', 'label_created', 'received', 'refunded'])
    for (const template of ['return_requested', 'return_approved', 'return_received', 'refund_issued'])
      await waitFor(
        `the ${template} e-mail`,
        () => sentOf(s, order.id, template),
        (m) => m.length === 1,
      )
    expect((await sentOf(s, order.id, 'return_approved'))[0]?.text).toContain(approved.body.return.label.tracking_number)
    const store = await fetch(`${s.t.url}/store/orders/${order.id}/returns`, { headers: { 'x-order-token': order.access_token } })
    expect(((await store.json()) as { returns: { id: string }[] }).returns.map((r) => r.id)).toEqual([ret.id])
  }, 90_000)

  test('partial refunds: a damaged unit is written off, the rest restocked; all units refund exactly the goods paid', async () => {
    const order = await deliveredOrder(s, [{ variantId: a, quantity: 3 }])
    const item = order.items[0]
    if (!item) throw new Error('no item')
    const stock0 = { warehouse: await stockAtLocation(s, a, WAREHOUSE), store: await stockAtLocation(s, a, STORE) }
    const first = (await adminPost(s, `/orders/${order.id}/returns`, { items: [{ item_id: item.id, quantity: 1, reason: 'Broken' }] })).body
      .return
    expect(first.source).toBe('admin')
    await adminPost(s, `/returns/${first.id}/approve`)
    const tooMany = await storeReturn(s, order.id, order.access_token, { items: [{ item_id: item.id, quantity: 3, reason: 'x' }] })
    expect([tooMany.status, tooMany.body.error.code]).toEqual([422, 'return_quantity_exceeded']) // one is already in a return
    const r1 = await adminPost(s, `/returns/${first.id}/receive`, { items: [{ id: first.items[0].id, condition: 'damaged' }] })
    expect(r1.body.return.items[0]).toMatchObject({ condition: 'damaged', disposition: 'written_off', location_id: null })
    expect(await stockAtLocation(s, a, WAREHOUSE)).toEqual(stock0.warehouse)
    expect(await stockAtLocation(s, a, STORE)).toEqual(stock0.store)

    // a replayed request (same Idempotency-Key) answers the first response and records nothing more
    const keyed = () =>
      post(
        `${s.t.url}/store/orders/${order.id}/returns`,
        { items: [{ item_id: item.id, quantity: 2, reason: 'Too big' }] },
        { 'x-order-token': order.access_token, 'idempotency-key': `return-${order.id}` },
      )
    const [once, replay] = [await keyed(), await keyed()]
    expect([once.status, replay.status]).toEqual([201, 201])
    expect(replay.body.return.id).toBe(once.body.return.id)
    expect((await adminGet(s, `/orders/${order.id}/returns`)).body.returns).toHaveLength(2)
    const second = once.body.return
    await adminPost(s, `/returns/${second.id}/approve`)
    const r2 = await adminPost(s, `/returns/${second.id}/receive`, { items: [{ id: second.items[0].id, condition: 'sellable' }] })
    expect(r2.body.return.items[0]).toMatchObject({ disposition: 'restocked', location_id: WAREHOUSE }) // the default location
    expect((await stockAtLocation(s, a, WAREHOUSE)).on_hand).toBe(stock0.warehouse.on_hand + 2)

    const refunds = await paymentLedger(s, order.id, 'refund')
    expect(refunds.map((r) => r.amount)).toEqual([first.refund_amount.amount, second.refund_amount.amount])
    expect(first.refund_amount.amount + second.refund_amount.amount).toBe(order.total.amount - order.shipping_total.amount)
    const o = await orderOf(s, order.id)
    expect(o.fulfillment_status).toBe('returned')
    // shipping is not refunded: all goods back leaves the shipping captured
    expect(o.payment_status).toBe(order.shipping_total.amount > 0 ? 'partially_refunded' : 'refunded')
    const again = await storeReturn(s, order.id, order.access_token, { items: [{ item_id: item.id, quantity: 1, reason: 'x' }] })
    expect([again.status, again.body.error.code]).toEqual([422, 'order_not_returnable']) // everything came back
  }, 90_000)

  test('exchange: the replacement is reserved under a linked order with nothing to pay, shipped, visible from both orders', async () => {
    const order = await deliveredOrder(s, [{ variantId: a, quantity: 1 }])
    const item = order.items[0]
    if (!item) throw new Error('no item')
    await priceVariant(s, c, item.unit_price.amount)
    await priceVariant(s, d, item.unit_price.amount + 100)
    const dearer = await storeReturn(s, order.id, order.access_token, {
      items: [{ item_id: item.id, quantity: 1, reason: 'Size', exchange_variant_id: d }],
    })
    expect(dearer.status).toBe(422)
    expect(dearer.body.error.code).toBe('exchange_price_differs')

    const cBefore = await stockAtLocation(s, c, WAREHOUSE)
    const req = await storeReturn(s, order.id, order.access_token, {
      items: [{ item_id: item.id, quantity: 1, reason: 'Size', exchange_variant_id: c }],
    })
    expect(req.status).toBe(201)
    expect(req.body.return.refund_amount.amount).toBe(0)
    const approved = (await adminPost(s, `/returns/${req.body.return.id}/approve`)).body.return
    const exchangeId = approved.exchange_order_id as string
    expect(exchangeId).toMatch(/^ord_/)
    expect((await stockAtLocation(s, c, WAREHOUSE)).reserved).toBe(cBefore.reserved + 1)
    const exchange = await orderOf(s, exchangeId)
    expect(exchange).toMatchObject({ status: 'placed', total: { amount: 0 }, email: order.email })
    expect(exchange.items).toMatchObject([{ variant_id: c, quantity: 1, unit_price: item.unit_price }])
    expect(exchange.history.some((h) => h.field === 'return' && h.status === 'exchange_created')).toBe(true)
    expect((await orderOf(s, order.id)).history.some((h) => h.field === 'return' && h.note.includes(exchange.number))).toBe(true)
    for (const id of [order.id, exchangeId])
      expect((await adminGet(s, `/orders/${id}/returns`)).body.returns.map((r: { id: string }) => r.id)).toEqual([approved.id])

    const received = await adminPost(s, `/returns/${approved.id}/receive`, { items: [{ id: approved.items[0].id, condition: 'sellable' }] })
    expect(received.body.return).toMatchObject({ status: 'completed', refund_status: 'not_needed' })
    expect(await paymentLedger(s, order.id, 'refund')).toEqual([])

    // the replacement ships like any order; nothing is charged for it
    const [parcel] = await waitForParcels(s, exchangeId, 'the replacement parcel', (p) => p.length === 1)
    expect(parcel?.items).toMatchObject([{ variant_id: c, quantity: 1 }])
    await adminPost(s, `/returns/${approved.id}/refund`)
    expect(await paymentLedger(s, exchangeId)).toEqual([])
    await fetch(`${s.carrier.url}/v1/admin/shipments/${parcel?.carrier_shipment_id}/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    await waitForOrder(
      s,
      exchangeId,
      'shipped, nothing captured',
      (o) => o.fulfillment_status === 'fulfilled' && o.payment_status === 'captured',
    )
    expect(await paymentLedger(s, exchangeId)).toEqual([])
  }, 90_000)

  test('policy refusals are 422 with clear codes; a rejected return gives its units back', async () => {
    const notShipped = await placeOrder(s.t, [{ variantId: b, quantity: 1 }])
    const ns = await storeReturn(s, notShipped.id, notShipped.access_token, {
      items: [{ item_id: notShipped.items[0]?.id, quantity: 1, reason: 'x' }],
    })
    expect([ns.status, ns.body.error.code]).toEqual([422, 'order_not_returnable'])

    const order = await deliveredOrder(s, [
      { variantId: a, quantity: 1 },
      { variantId: b, quantity: 1 },
    ])
    const [itemA, itemB] = [order.items.find((i) => i.variant_id === a), order.items.find((i) => i.variant_id === b)]
    const asked = await storeReturn(s, order.id, order.access_token, { items: [{ item_id: itemA?.id, quantity: 1, reason: 'x' }] })
    const rejected = await adminPost(s, `/returns/${asked.body.return.id}/reject`, { reason: 'Worn' })
    expect(rejected.body.return).toMatchObject({ status: 'rejected', rejection_reason: 'Worn' })
    await waitFor(
      'the refused e-mail',
      () => sentOf(s, order.id, 'return_refused'),
      (m) => m.length === 1,
    )
    expect((await storeReturn(s, order.id, order.access_token, { items: [{ item_id: itemA?.id, quantity: 1, reason: 'y' }] })).status).toBe(
      201,
    )

    const product = (await s.t.modules.catalog.getVariants([b], 'EUR')).get(b)?.product_id as string
    const category = await s.t.modules.catalog.createCategory({ handle: 'final-sale', name: 'Final sale' })
    if (!category.ok) throw new Error(category.error.message)
    await s.t.modules.catalog.updateProduct(product, { category_ids: [category.value.id] })
    const final = await storeReturn(s, order.id, order.access_token, { items: [{ item_id: itemB?.id, quantity: 1, reason: 'x' }] })
    expect([final.status, final.body.error.code]).toEqual([422, 'item_not_returnable'])
    await s.t.modules.catalog.updateProduct(product, { category_ids: [] })

    await deliveredDaysAgo(s, order.id, 31)
    const late = await storeReturn(s, order.id, order.access_token, { items: [{ item_id: itemB?.id, quantity: 1, reason: 'x' }] })
    expect([late.status, late.body.error.code]).toEqual([422, 'return_window_closed'])
    await deliveredDaysAgo(s, order.id, 29)
    expect((await storeReturn(s, order.id, order.access_token, { items: [{ item_id: itemB?.id, quantity: 1, reason: 'x' }] })).status).toBe(
      201,
    )
  }, 90_000)

  test('bad input is a 4xx with a stable code, never a 500, and writes nothing', async () => {
    const order = await deliveredOrder(s, [{ variantId: a, quantity: 1 }])
    const itemId = order.items[0]?.id
    const bodies: unknown[] = [
      {},
      { items: [] },
      { items: 'x' },
      { items: [{ item_id: 1, quantity: 1, reason: 'x' }] },
      { items: [{ item_id: itemId, quantity: 0, reason: 'x' }] },
      { items: [{ item_id: itemId, quantity: 1.5, reason: 'x' }] },
      { items: [{ item_id: itemId, quantity: 1, reason: '' }] },
      { items: [{ item_id: itemId, quantity: 1, reason: 'x'.repeat(501) }] },
      { items: [{ item_id: itemId, quantity: 1e12, reason: 'x' }] },
      { items: [{ item_id: 'oitem_nope', quantity: 1, reason: 'x' }] },
      {
        items: [
          { item_id: itemId, quantity: 1, reason: 'x' },
          { item_id: itemId, quantity: 1, reason: 'x' },
        ],
      },
      { items: [{ item_id: itemId, quantity: 1, reason: 'x', exchange_variant_id: 'var_nope' }] },
      { items: [{ item_id: itemId, quantity: 1, reason: 'a\u0000b' }] },
    ]
    for (const body of bodies) {
      const r = await storeReturn(s, order.id, order.access_token, body)
      expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400)
      expect(r.status, JSON.stringify(body)).toBeLessThan(500)
      expect(typeof r.body.error.code).toBe('string')
    }
    const raw = await fetch(`${s.t.url}/store/orders/${order.id}/returns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-order-token': order.access_token },
      body: '{"items": [',
    })
    expect(raw.status).toBe(400)
    expect((await adminGet(s, `/orders/${order.id}/returns`)).body.returns).toEqual([])

    expect((await adminGet(s, '/returns/ret_nope')).status).toBe(404)
    expect((await adminPost(s, '/returns/ret_nope/approve')).status).toBe(404)
    expect((await adminGet(s, '/returns?cursor=garbage')).status).toBe(400)
    expect((await adminGet(s, '/returns?status=lost')).status).toBe(400)
    expect((await fetch(`${s.t.url}/admin/returns`)).status).toBe(401)

    // two requests at once for the only unit: one return, one refusal (requests of an order are serialised)
    const both = await Promise.all(
      [1, 2].map(() => storeReturn(s, order.id, order.access_token, { items: [{ item_id: itemId, quantity: 1, reason: 'x' }] })),
    )
    expect(both.map((r) => r.status).sort()).toEqual([201, 422])
    expect(both.find((r) => r.status === 422)?.body.error.code).toBe('return_quantity_exceeded')
    const ret = both.find((r) => r.status === 201)?.body.return
    const early = await adminPost(s, `/returns/${ret.id}/receive`, { items: [{ id: ret.items[0].id, condition: 'sellable' }] })
    expect([early.status, early.body.error.code]).toEqual([409, 'invalid_state'])
    expect((await adminPost(s, `/returns/${ret.id}/refund`)).status).toBe(409)
    expect((await adminPost(s, `/returns/${ret.id}/reject`, {})).status).toBe(422)
    await adminPost(s, `/returns/${ret.id}/approve`)
    expect((await adminPost(s, `/returns/${ret.id}/approve`)).body.error.code).toBe('invalid_state')
    const where = await adminPost(s, `/returns/${ret.id}/receive`, {
      location_id: 'loc_nowhere',
      items: [{ id: ret.items[0].id, condition: 'sellable' }],
    })
    expect([where.status, where.body.error.code]).toEqual([422, 'unknown_location'])
    const partial = await adminPost(s, `/returns/${ret.id}/receive`, { items: [{ id: 'rit_other', condition: 'sellable' }] })
    expect([partial.status, partial.body.error.code]).toEqual([422, 'invalid_receipt'])
    const bad = await adminPost(s, `/returns/${ret.id}/receive`, { items: [{ id: ret.items[0].id, condition: 'mint' }] })
    expect(bad.status).toBe(422)
    expect((await adminGet(s, `/returns/${ret.id}`)).body.return.status).toBe('approved')
    const list = await adminGet(s, `/returns?order_id=${order.id}&limit=1`)
    expect(list.body.returns.map((r: { id: string }) => r.id)).toEqual([ret.id])
  }, 90_000)
})
