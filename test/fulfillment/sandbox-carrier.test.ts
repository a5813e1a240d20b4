import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { type Carrier, type CarrierResilience, sandboxCarrier } from '../../src/modules/fulfillment/carriers/index.ts'
import { type SandboxCarrier, startSandboxCarrier } from '../../src/sandbox/carrier/index.ts'
import { freePort } from '../support/crest-process.ts'
import { adminMove, configure, eventually, ledger, parcel, pollUntilDelivered, shipmentOf, sleep, startReceiver } from './support.ts'

const secret = 'whsec_fulfillment_test'
const fast: Partial<CarrierResilience> = {
  timeoutMs: 2000,
  retries: 2,
  backoffInitialMs: 5,
  backoffMaxMs: 20,
  breakerFailures: 5,
  breakerHalfOpenMs: 60_000,
}
const manual = { latencyMs: 0, failureRate: 0, seed: null, failNext: 0, dropNextReplies: 0, timings: null }

/** The sandbox carrier adapter over REAL HTTP against a real sandbox carrier server. */
describe('the sandbox carrier adapter against the sandbox carrier', () => {
  let sandbox: SandboxCarrier
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let carrier: Carrier
  let seq = 0
  const order = () => `ord_carrier_${++seq}`
  const book = (reference: string, key = `ship_${reference}`, service = 'standard') =>
    carrier.createShipment({ ...parcel, reference, service, idempotencyKey: key })
  const adapter = (o: { resilience?: Partial<CarrierResilience>; secret?: string; now?: () => Date } = {}) =>
    sandboxCarrier({
      name: 'sandbox',
      url: sandbox.url,
      secret: o.secret ?? secret,
      resilience: o.resilience ?? fast,
      ...(o.now && { now: o.now }),
    })

  beforeAll(async () => {
    receiver = await startReceiver()
    sandbox = await startSandboxCarrier({
      port: await freePort(),
      timings: null,
      webhookUrl: receiver.url,
      webhookSecret: secret,
      webhookBackoffMs: 10,
    })
    carrier = adapter()
  })
  afterAll(async () => {
    await sandbox?.close()
    await receiver?.close()
  })
  beforeEach(() => configure(sandbox.url, manual))

  test('rates for a parcel: service levels with prices in minor units and estimated days', async () => {
    const r = await carrier.rates(parcel)
    expect(r).toEqual({
      ok: true,
      value: [
        { service: 'standard', price: { amount: 990 + 150, currency: 'EUR' }, estimatedDays: 4 },
        { service: 'express', price: { amount: 1990 + 250, currency: 'EUR' }, estimatedDays: 2 },
      ],
    })
  })

  test('the same idempotency key twice books one shipment: same id and tracking number, one ledger entry', async () => {
    const ref = order()
    const first = shipmentOf(await book(ref))
    const again = shipmentOf(await book(ref))
    expect(again).toEqual(first)
    expect(first).toMatchObject({ reference: ref, status: 'label_created', kind: 'outbound', price: { amount: 1140, currency: 'EUR' } })
    expect(first.trackingNumber).toMatch(/^SBX\d{12}$/)
    expect((await ledger(sandbox.url, ref)).map((e) => `${e.type}:${e.shipment_id}`)).toEqual([`shipment:${first.id}`])
    const label = await fetch(first.labelUrl)
    expect(label.headers.get('content-type')).toBe('application/pdf')
    expect((await label.text()).includes(first.trackingNumber)).toBe(true)
  })

  test('409: another body under the same key is KEY_REUSED; a concurrent duplicate is IN_PROGRESS; still one shipment', async () => {
    const ref = order()
    const key = `ship_${ref}`
    shipmentOf(await book(ref, key))
    expect(await book(ref, key, 'express')).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_CARRIER_KEY_REUSED', reason: 'idempotency_key_reused' },
    })

    const slow = order()
    await configure(sandbox.url, { latencyMs: 600 })
    const first = book(slow)
    await sleep(150)
    expect(await book(slow)).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_CARRIER_IN_PROGRESS', reason: 'idempotency_in_progress' },
    })
    const booked = shipmentOf(await first)
    await configure(sandbox.url, { latencyMs: 0 })
    expect(shipmentOf(await book(slow)).id).toBe(booked.id)
    expect(await ledger(sandbox.url, slow)).toHaveLength(1)
  })

  test('with millisecond timings a shipment walks to delivered; polling sees every status in order', async () => {
    await configure(sandbox.url, { timings: { labelCreatedMs: 15, inTransitMs: 15, outForDeliveryMs: 15 } })
    const s = shipmentOf(await book(order()))
    const events = await pollUntilDelivered(carrier, s.id)
    expect(events.map((e) => `${e.seq}:${e.status}`)).toEqual(['1:label_created', '2:in_transit', '3:out_for_delivery', '4:delivered'])
    expect(events.every((e) => e.shipmentId === s.id && e.trackingNumber === s.trackingNumber && e.reference === s.reference)).toBe(true)
    const later = await carrier.trackingEvents({ shipmentId: s.id, afterSeq: 2 })
    expect(later.ok && later.value.map((e) => e.status)).toEqual(['out_for_delivery', 'delivered'])
  })

  test("each event is POSTed to the webhook URL, signed so that the adapter's verifyWebhook accepts it", async () => {
    await configure(sandbox.url, { timings: { labelCreatedMs: 5, inTransitMs: 5, outForDeliveryMs: 5 } })
    const s = shipmentOf(await book(order()))
    const hooks = await eventually(
      () => (receiver.accepted(s.id).length === 4 ? receiver.accepted(s.id) : undefined),
      5000,
      'four webhooks',
    )
    const verified = await Promise.all(hooks.map((h) => carrier.verifyWebhook({ rawBody: h.rawBody, headers: h.headers })))
    expect(verified.map((v) => v?.[0]?.status)).toEqual(['label_created', 'in_transit', 'out_for_delivery', 'delivered'])
    const polled = await pollUntilDelivered(carrier, s.id)
    expect(verified.map((v) => v?.[0])).toEqual(polled)
    expect(hooks[0]?.headers['crest-carrier-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
  })

  test('verifyWebhook refuses a tampered body, a wrong secret and a stale timestamp', async () => {
    const s = shipmentOf(await book(order()))
    const [hook] = await eventually(() => (receiver.accepted(s.id).length ? receiver.accepted(s.id) : undefined))
    if (!hook) throw new Error('no webhook')
    const { rawBody, headers } = hook
    expect(await carrier.verifyWebhook({ rawBody, headers })).toHaveLength(1)
    expect(await carrier.verifyWebhook({ rawBody: rawBody.replace('label_created', 'delivered'), headers })).toBeNull()
    expect(await carrier.verifyWebhook({ rawBody, headers: {} })).toBeNull()
    expect(await adapter({ secret: 'whsec_wrong' }).verifyWebhook({ rawBody, headers })).toBeNull()
    const inTenMinutes = adapter({ now: () => new Date(Date.now() + 600_000) })
    expect(await inTenMinutes.verifyWebhook({ rawBody, headers })).toBeNull()
  })

  test('a failed webhook post is retried, with the same event id, until the receiver takes it', async () => {
    const ref = order()
    receiver.failNext(2, `"reference":"${ref}"`)
    const s = shipmentOf(await book(ref))
    await eventually(() => (receiver.accepted(s.id).length === 1 ? true : undefined), 5000, 'the webhook after two failures')
    const tries = receiver.deliveries.filter((d) => d.rawBody.includes(s.id))
    expect(tries.map((d) => [d.status, d.headers['crest-delivery-attempt']])).toEqual([
      [500, '1'],
      [500, '2'],
      [200, '3'],
    ])
    expect(new Set(tries.map((d) => d.headers['crest-event-id'])).size).toBe(1)
  })

  test('injected outages (failNext) and lost replies (dropNextReplies) are retried: still exactly one shipment', async () => {
    const a = order()
    await configure(sandbox.url, { failNext: 2 })
    const booked = shipmentOf(await book(a))
    expect(await ledger(sandbox.url, a)).toHaveLength(1)

    const b = order()
    await configure(sandbox.url, { dropNextReplies: 1 })
    const replayed = shipmentOf(await book(b))
    expect((await ledger(sandbox.url, b)).map((e) => e.shipment_id)).toEqual([replayed.id])
    expect(booked.id).not.toBe(replayed.id)
  })

  test('failure rate 0.5 with a seeded pattern: every order booked exactly once', async () => {
    const patient = adapter({ resilience: { ...fast, retries: 6, breakerFailures: 20 } })
    await configure(sandbox.url, { failureRate: 0.5, seed: 2024 })
    const refs = Array.from({ length: 12 }, order)
    for (const ref of refs)
      shipmentOf(await patient.createShipment({ ...parcel, reference: ref, service: 'standard', idempotencyKey: `ship_${ref}` }))
    await configure(sandbox.url, { failureRate: 0 })
    for (const ref of refs) expect(await ledger(sandbox.url, ref)).toHaveLength(1)
    expect(patient.status()).toMatchObject({ breaker: 'closed' })
    expect(patient.status().failures).toBeGreaterThan(3)
    expect(patient.status().attempts).toBe(refs.length + patient.status().failures)
  })

  test('a call slower than the timeout is abandoned, and the abandoned booking has no effect', async () => {
    const ref = order()
    const impatient = adapter({ resilience: { ...fast, timeoutMs: 100, retries: 0 } })
    await configure(sandbox.url, { latencyMs: 300 })
    const r = await impatient.createShipment({ ...parcel, reference: ref, service: 'standard', idempotencyKey: `ship_${ref}` })
    expect(r).toMatchObject({ ok: false, error: { code: 'FULFILLMENT_CARRIER_TIMEOUT' } })
    await sleep(350)
    expect(await ledger(sandbox.url, ref)).toEqual([])
    await configure(sandbox.url, { latencyMs: 0 })
    shipmentOf(await book(ref))
    expect(await ledger(sandbox.url, ref)).toHaveLength(1)
  })

  test('repeated failures open the breaker; calls are then refused without reaching the carrier; it closes again', async () => {
    const guarded = adapter({ resilience: { ...fast, retries: 2, breakerFailures: 3, breakerHalfOpenMs: 200 } })
    await configure(sandbox.url, { failureRate: 1 })
    expect(await guarded.rates(parcel)).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_CARRIER_UNAVAILABLE', reason: 'carrier_unavailable' },
    })
    expect(guarded.status()).toMatchObject({ breaker: 'open', attempts: 3, failures: 3 })
    expect(await guarded.rates(parcel)).toMatchObject({ ok: false, error: { code: 'FULFILLMENT_CARRIER_CIRCUIT_OPEN' } })
    expect(guarded.status()).toMatchObject({ attempts: 3, skipped: 1 })
    await configure(sandbox.url, { failureRate: 0 })
    await sleep(250)
    expect(await guarded.rates(parcel)).toMatchObject({ ok: true })
    expect(guarded.status().breaker).toBe('closed')
  })

  test('cancel before pickup (idempotent), refused after pickup; a return label is a new return shipment', async () => {
    const ref = order()
    const s = shipmentOf(await book(ref))
    const canceled = shipmentOf(await carrier.cancelShipment({ shipmentId: s.id, idempotencyKey: `cancel_${ref}` }))
    expect(canceled).toMatchObject({ id: s.id, status: 'canceled' })
    expect(shipmentOf(await carrier.cancelShipment({ shipmentId: s.id, idempotencyKey: `cancel_${ref}` }))).toEqual(canceled)
    expect((await ledger(sandbox.url, ref)).map((e) => e.type)).toEqual(['shipment', 'cancellation'])

    const picked = shipmentOf(await book(order()))
    expect((await adminMove(sandbox.url, picked.id, 'advance')).body).toMatchObject({ status: 'in_transit' })
    const late = await carrier.cancelShipment({ shipmentId: picked.id, idempotencyKey: `cancel_${picked.reference}` })
    expect(late).toMatchObject({ ok: false, error: { code: 'FULFILLMENT_CARRIER_INVALID_STATE', reason: 'invalid_state' } })

    const ret = shipmentOf(await carrier.createReturnLabel({ shipmentId: picked.id, idempotencyKey: `return_${picked.reference}` }))
    expect(ret).toMatchObject({
      kind: 'return',
      returnFor: picked.id,
      reference: picked.reference,
      status: 'label_created',
      service: 'standard',
    })
    expect(ret.trackingNumber).not.toBe(picked.trackingNumber)
    expect((await ledger(sandbox.url, picked.reference)).map((e) => e.type)).toEqual(['shipment', 'return_label'])
    expect(await (await fetch(ret.labelUrl)).text()).toContain('RETURN')
    const forCanceled = await carrier.createReturnLabel({ shipmentId: s.id, idempotencyKey: `return_${ref}` })
    expect(forCanceled).toMatchObject({ ok: false, error: { code: 'FULFILLMENT_CARRIER_INVALID_STATE' } })
  })

  test('an exception set by the admin ends the walk and is tracked', async () => {
    const s = shipmentOf(await book(order()))
    await adminMove(sandbox.url, s.id, 'exception', 'Address not found.')
    const r = await carrier.trackingEvents({ shipmentId: s.id })
    expect(r.ok && r.value.map((e) => e.status)).toEqual(['label_created', 'exception'])
    expect(r.ok && r.value[1]?.description).toContain('Address not found.')
    expect((await adminMove(sandbox.url, s.id, 'advance')).status).toBe(409)
  })

  test('refusals come back as stable codes, not retried', async () => {
    const heavy = await carrier.createShipment({
      ...parcel,
      weightGrams: 25_000,
      reference: order(),
      service: 'express',
      idempotencyKey: `heavy_${seq}`,
    })
    expect(heavy).toMatchObject({ ok: false, error: { code: 'FULFILLMENT_CARRIER_REJECTED', reason: 'service_unavailable' } })
    expect(await carrier.trackingEvents({ shipmentId: 'shp_nope' })).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_CARRIER_NOT_FOUND' },
    })
    expect(await carrier.rates({ ...parcel, to: { country: 'fr' } })).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_CARRIER_REJECTED', reason: 'invalid_request' },
    })
  })
})
