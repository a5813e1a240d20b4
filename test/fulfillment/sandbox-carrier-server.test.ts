import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { type SandboxCarrier, startSandboxCarrier } from '../../src/sandbox/carrier/index.ts'
import { configure, eventually, ledger, sleep } from './support.ts'

type Reply = { status: number; body: Record<string, unknown> & { error?: { code: string; message: string } }; replayed: boolean }

const shipment = (reference: string, service = 'standard') => ({
  reference,
  service,
  weight_grams: 800,
  from: { country: 'DE' },
  to: { country: 'DE', city: 'Hamburg' },
})

/** The sandbox carrier's own HTTP API, over real HTTP on loopback. */
describe('sandbox carrier server', () => {
  let sandbox: SandboxCarrier
  let seq = 0
  const lines: string[] = []
  const ref = () => `ord_srv_${++seq}`

  beforeAll(async () => {
    sandbox = await startSandboxCarrier({ port: 0, timings: null, log: (l) => lines.push(l) })
  })
  afterAll(() => sandbox?.close())
  beforeEach(() => configure(sandbox.url, { latencyMs: 0, failureRate: 0, failNext: 0, dropNextReplies: 0, timings: null }))

  const call = async (method: string, path: string, body?: unknown, key?: string): Promise<Reply> => {
    const r = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(key !== undefined && { 'idempotency-key': key }) },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    return { status: r.status, body: (await r.json()) as Reply['body'], replayed: r.headers.get('idempotent-replayed') === 'true' }
  }
  const create = (reference: string, key = `k_${reference}`, body: unknown = shipment(reference)) =>
    call('POST', '/v1/shipments', body, key)

  test('health, rates, a shipment and its label', async () => {
    expect(await call('GET', '/healthz')).toMatchObject({ status: 200, body: { ok: true } })
    expect((await call('GET', '/v1/rates?from=DE&to=DE&weight_grams=800')).body.rates).toEqual([
      { service: 'standard', amount: 490, currency: 'EUR', estimated_days: 2 },
      { service: 'express', amount: 990, currency: 'EUR', estimated_days: 1 },
    ])
    const r = ref()
    const s = await create(r)
    expect(s).toMatchObject({
      status: 201,
      body: { object: 'shipment', reference: r, status: 'label_created', amount: 490, kind: 'outbound', return_for: null },
    })
    const label = await fetch(s.body.label_url as string)
    expect([label.status, label.headers.get('content-type')]).toEqual([200, 'application/pdf'])
    expect(
      Buffer.from(await label.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
    expect(lines.some((l) => l.startsWith('POST /v1/shipments 201'))).toBe(true)
  })

  test('idempotency: a replay has no new effect; another body or path under the key, or a duplicate in flight, is 409', async () => {
    const r = ref()
    const first = await create(r)
    expect(await create(r)).toEqual({ ...first, replayed: true })
    expect(await create(r, `k_${r}`, { ...shipment(r), weight_grams: 900 })).toMatchObject({
      status: 409,
      body: { error: { code: 'idempotency_key_reused' } },
    })
    expect(await call('POST', `/v1/shipments/${first.body.id}/cancel`, shipment(r), `k_${r}`)).toMatchObject({
      status: 409,
      body: { error: { code: 'idempotency_key_reused' } },
    })
    expect((await ledger(sandbox.url, r)).map((e) => e.type)).toEqual(['shipment'])

    const d = ref()
    await configure(sandbox.url, { latencyMs: 600 })
    const slow = create(d)
    await sleep(150)
    expect(await create(d)).toMatchObject({ status: 409, body: { error: { code: 'idempotency_in_progress' } } })
    expect((await slow).status).toBe(201)
    expect(await ledger(sandbox.url, d)).toHaveLength(1)
  })

  test('an outage (failNext) is not kept: the same key is processed anew; a lost reply (dropNextReplies) keeps the effect', async () => {
    const r = ref()
    await configure(sandbox.url, { failNext: 1 })
    expect(await create(r)).toMatchObject({ status: 503, body: { error: { code: 'carrier_unavailable' } } })
    expect(await ledger(sandbox.url, r)).toEqual([])
    expect(await create(r)).toMatchObject({ status: 201, replayed: false })

    const d = ref()
    await configure(sandbox.url, { dropNextReplies: 1 })
    expect(await create(d)).toMatchObject({ status: 503 })
    expect(await ledger(sandbox.url, d)).toHaveLength(1)
    expect(await create(d)).toMatchObject({ status: 201, replayed: true })
    expect(await ledger(sandbox.url, d)).toHaveLength(1)
  })

  test('bad requests are 400 (or 422 when no service takes the parcel), naming the problem', async () => {
    const r = ref()
    expect(await call('POST', '/v1/shipments', shipment(r))).toMatchObject({
      status: 400,
      body: { error: { code: 'idempotency_key_required' } },
    })
    expect(await call('POST', '/v1/shipments', '{nope', 'k_bad_json')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_json' } },
    })
    expect((await create(r, 'k_bad_country', { ...shipment(r), to: { country: 'Germany' } })).body.error?.message).toContain('to.country')
    expect(await create(r, 'k_heavy', { ...shipment(r), service: 'express', weight_grams: 25_000 })).toMatchObject({
      status: 422,
      body: { error: { code: 'service_unavailable' } },
    })
    expect((await call('GET', '/v1/rates?from=DE&to=XX1&weight_grams=5')).status).toBe(400)
    expect((await call('GET', '/v1/rates?from=DE&to=FR&weight_grams=0')).status).toBe(400)
    expect((await call('GET', '/v1/shipments/shp_nope/label')).status).toBe(404)
    expect((await call('POST', '/v1/shipments/shp_nope/cancel', {}, 'k_nope')).status).toBe(404)
    expect((await call('DELETE', '/v1/shipments')).status).toBe(404)
  })

  test('admin: config is read and changed, bad settings refused; advancing walks; exception ends it', async () => {
    expect((await call('POST', '/v1/admin/config', { failureRate: 3 })).status).toBe(400)
    expect((await call('POST', '/v1/admin/config', { turbo: true })).body.error?.message).toContain('turbo is not a setting')
    expect((await call('GET', '/v1/admin/config')).body).toMatchObject({ latencyMs: 0, failureRate: 0, timings: null, webhookUrl: null })
    const s = await create(ref())
    const id = s.body.id as string
    for (const status of ['in_transit', 'out_for_delivery', 'delivered'])
      expect(await call('POST', `/v1/admin/shipments/${id}/advance`, {})).toMatchObject({ status: 200, body: { status } })
    expect((await call('POST', `/v1/admin/shipments/${id}/exception`, {})).status).toBe(409)
    const events = (await call('GET', `/v1/shipments/${id}/events`)).body.events as { seq: number; status: string }[]
    expect(events.map((e) => `${e.seq}:${e.status}`)).toEqual(['1:label_created', '2:in_transit', '3:out_for_delivery', '4:delivered'])
  })

  test('setting timings restarts the walk of shipments already waiting', async () => {
    const s = await create(ref())
    await sleep(30)
    expect((await call('GET', `/v1/shipments/${s.body.id}`)).body.status).toBe('label_created')
    await configure(sandbox.url, { timings: { labelCreatedMs: 5, inTransitMs: 5, outForDeliveryMs: 5 } })
    await eventually(
      async () => ((await call('GET', `/v1/shipments/${s.body.id}`)).body.status === 'delivered' ? true : undefined),
      3000,
      'delivery',
    )
  })

  test('latency applies to carrier calls only', async () => {
    await configure(sandbox.url, { latencyMs: 400 })
    let t = performance.now()
    await call('GET', '/v1/rates?from=DE&to=FR&weight_grams=500')
    expect(performance.now() - t).toBeGreaterThanOrEqual(390)
    t = performance.now()
    await call('GET', '/v1/ledger')
    expect(performance.now() - t).toBeLessThan(300)
  })
})
