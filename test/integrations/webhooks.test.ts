import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  createIntegrations,
  type IntegrationsApi,
  WEBHOOK_CONSUMER,
  WEBHOOK_RETRY_DELAYS_MS,
} from '../../src/modules/integrations/index.ts'
import { ORDERS_TOPICS } from '../../src/modules/orders/index.ts'
import { type BusEvent, createConsumerRegistry, type Subscription } from '../../src/platform/bus/consumer-registry.ts'
import { handleDeliveries, handleDelivery } from '../../src/platform/bus/handle-delivery.ts'
import { verifySignature } from '../../src/platform/http/webhook-signature.ts'
import { newId } from '../../src/platform/ids/new-id.ts'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { startReceiver } from './webhook-receiver.ts'

// later than the real clock, which the app's own module (the admin replay) uses: a replayed row is due at once
const T0 = Date.parse('2030-03-02T09:00:00.000Z')
const PLACED = ORDERS_TOPICS.orderPlaced
const CANCELED = ORDERS_TOPICS.orderCanceled

/** Attempt k (1-based) is due this long after the event, as the table in docs/webhooks.md says (minutes). */
const offsets = [0, 1, 6, 36, 156, 456, 1056, 1656, 2496, 3336, 4320].map((m) => m * 60_000)

describe.each(engineKinds())('outgoing webhooks on %s', (engine) => {
  let t: TestApp
  let token: string
  let now = T0
  let sender: IntegrationsApi
  let subs: (topic: string) => Subscription

  beforeAll(async () => {
    t = await startTestApp({ engine, listen: false })
    token = await staffToken(t)
    // the same module on the same database, with a clock the test moves (the "compressed clock")
    sender = createIntegrations(
      { db: t.engines.db, clock: { now: () => new Date(now) }, newId },
      { topics: Object.values(ORDERS_TOPICS), timeoutMs: 500 },
    )
    const registry = createConsumerRegistry()
    sender.registerConsumers(registry)
    subs = (topic) => registry.find(WEBHOOK_CONSUMER, topic) as Subscription
  }, 60_000)
  afterAll(() => t?.close())

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, auth = true) =>
    t.app.inject({
      method,
      url,
      ...(payload !== undefined && { payload: payload as object }),
      headers: auth ? { authorization: `Bearer ${token}` } : {},
    })

  const subscribe = async (url: string, eventTypes: string[], active = true) => {
    const r = await api('POST', '/admin/webhooks', { url, event_types: eventTypes, active })
    expect(r.statusCode).toBe(201)
    return r.json().webhook as { id: string; secret: string }
  }

  const publish = async (topic: string, payload: Record<string, unknown> = { order_id: 'ord_1' }): Promise<BusEvent> => {
    const event: BusEvent = { id: newId('evt', now), topic, aggregateId: 'ord_1', payload, createdAt: new Date(now) }
    expect(await handleDelivery(t.engines.db, subs(topic), event, 1)).toBe('handled')
    return event
  }

  const deliveries = async (webhookId: string) => {
    const r = await api('GET', `/admin/webhooks/${webhookId}/deliveries`)
    expect(r.statusCode).toBe(200)
    return r.json().deliveries as {
      id: string
      status: string
      attempts: number
      next_attempt_at: string | null
      log: { attempt: number; status_code: number | null; attempted_at: string; error: string | null; duration_ms: number }[]
    }[]
  }

  /** Moves the clock to just before attempt k is due (nothing is sent), then to it (one attempt). */
  const runAttempt = async (k: number) => {
    now = T0 + (offsets[k - 1] as number) - 1
    expect((await sender.sendDue()).claimed).toBe(0)
    now += 1
    expect((await sender.sendDue()).claimed).toBe(1)
  }

  test('a receiver failing the first attempts gets the event later, signed, exactly on the schedule', async () => {
    now = T0
    const rx = await startReceiver((n) => (n <= 3 ? 500 : 200))
    const hook = await subscribe(rx.url, [PLACED])
    const event = await publish(PLACED, { order_id: 'ord_1', total: 4200 })
    for (let k = 1; k <= 4; k++) await runAttempt(k)
    now = T0 + 10 * 24 * 3600_000
    expect((await sender.sendDue()).claimed).toBe(0) // delivered: never again

    expect(rx.received).toHaveLength(4)
    const last = rx.received[3] as (typeof rx.received)[number]
    const t4 = Math.floor((T0 + (offsets[3] as number)) / 1000)
    expect(last.headers['crest-webhook-timestamp']).toBe(String(t4))
    expect(
      verifySignature({
        secret: hook.secret,
        header: last.headers['crest-webhook-signature'] as string,
        rawBody: last.body,
        nowSeconds: t4,
      }),
    ).toBe(true)
    expect(
      verifySignature({
        secret: 'whsec_wrong',
        header: last.headers['crest-webhook-signature'] as string,
        rawBody: last.body,
        nowSeconds: t4,
      }),
    ).toBe(false)
    expect(JSON.parse(last.body)).toEqual({
      id: event.id,
      type: PLACED,
      created_at: new Date(T0).toISOString(),
      data: { order_id: 'ord_1', total: 4200 },
    })
    expect(new Set(rx.received.map((r) => r.body)).size).toBe(1) // the same bytes every time
    expect(last.headers['content-type']).toBe('application/json')

    const [d] = await deliveries(hook.id)
    expect(last.headers['crest-webhook-id']).toBe(d?.id)
    expect(d).toMatchObject({ status: 'delivered', attempts: 4, next_attempt_at: null })
    expect(d?.log.map((a) => a.attempt)).toEqual([1, 2, 3, 4])
    expect(d?.log.map((a) => a.status_code)).toEqual([500, 500, 500, 200])
    expect(d?.log.map((a) => a.attempted_at)).toEqual(offsets.slice(0, 4).map((o) => new Date(T0 + o).toISOString()))
    expect(d?.log[0]?.error).toBe('HTTP 500')
    await rx.close()
    expect((await api('DELETE', `/admin/webhooks/${hook.id}`)).statusCode).toBe(204)
  })

  test('after the last scheduled attempt (3 days) the delivery is failed; a replay delivers it', async () => {
    now = T0
    let up = false
    const rx = await startReceiver(() => (up ? 204 : 503))
    const hook = await subscribe(rx.url, ['*'])
    await publish(CANCELED)
    for (let k = 1; k <= offsets.length; k++) await runAttempt(k)
    expect(offsets.at(-1)).toBe(72 * 3600_000)
    expect(offsets.slice(1).map((o, i) => o - (offsets[i] as number))).toEqual(WEBHOOK_RETRY_DELAYS_MS)
    now = T0 + 30 * 24 * 3600_000
    expect((await sender.sendDue()).claimed).toBe(0)
    const [failed] = await deliveries(hook.id)
    expect(failed).toMatchObject({ status: 'failed', attempts: 11, next_attempt_at: null })
    expect(failed?.log.map((a) => a.attempted_at)).toEqual(offsets.map((o) => new Date(T0 + o).toISOString()))

    up = true
    const replay = await api('POST', `/admin/webhooks/deliveries/${failed?.id}/replay`)
    expect(replay.statusCode).toBe(202)
    expect(replay.json().delivery).toMatchObject({ status: 'queued', attempts: 0 })
    expect((await api('POST', `/admin/webhooks/deliveries/${failed?.id}/replay`)).json().error.code).toBe('delivery_in_progress')
    expect(await sender.sendDue()).toMatchObject({ claimed: 1, delivered: 1 })
    const [done] = await deliveries(hook.id)
    expect(done).toMatchObject({ status: 'delivered', attempts: 1 })
    expect(done?.log).toHaveLength(12)
    expect(rx.received).toHaveLength(12)
    // a delivered one can be sent again too
    expect((await api('POST', `/admin/webhooks/deliveries/${failed?.id}/replay`)).statusCode).toBe(202)
    expect(await sender.sendDue()).toMatchObject({ delivered: 1 })
    expect((await api('POST', '/admin/webhooks/deliveries/whd_nope/replay')).statusCode).toBe(404)
    await rx.close()
    expect((await api('DELETE', `/admin/webhooks/${hook.id}`)).statusCode).toBe(204)
  })

  test('one delivery per (subscription, event), even when the event comes again', async () => {
    now = T0
    const rx = await startReceiver(() => 200)
    const specific = await subscribe(rx.url, [PLACED])
    const all = await subscribe(rx.url, ['*'])
    const off = await subscribe(rx.url, [PLACED], false)
    const other = await subscribe(rx.url, [CANCELED])
    const event = await publish(PLACED)
    expect(await handleDelivery(t.engines.db, subs(PLACED), event, 2)).toBe('duplicate')
    // past the bus's dedupe: the handler itself runs again for the same event
    await t.engines.db.orm.transaction((tx) =>
      subs(PLACED).handle(event, { tx, attempt: 3, idempotencyKey: () => 'k', prepared: undefined }),
    )
    expect(await deliveries(specific.id)).toHaveLength(1)
    expect(await deliveries(all.id)).toHaveLength(1)
    expect(await deliveries(off.id)).toHaveLength(0)
    expect(await deliveries(other.id)).toHaveLength(0)
    expect(await sender.sendDue()).toMatchObject({ claimed: 2, delivered: 2 })
    expect(rx.received).toHaveLength(2)
    await rx.close()
    for (const h of [specific, all, off, other]) expect((await api('DELETE', `/admin/webhooks/${h.id}`)).statusCode).toBe(204)
  })

  test('events delivered to the consumer together each get their delivery, with their own body', async () => {
    now = T0
    const rx = await startReceiver(() => 200)
    const specific = await subscribe(rx.url, [PLACED])
    const other = await subscribe(rx.url, [CANCELED])
    const events = [1, 2, 3].map(
      (n): BusEvent => ({
        id: newId('evt', now + n),
        topic: PLACED,
        aggregateId: `ord_${n}`,
        payload: { order_id: `ord_${n}` },
        createdAt: new Date(now),
      }),
    )
    const batch = events.map((event) => ({ event, attempt: 1 }))
    expect(await handleDeliveries(t.engines.db, subs(PLACED), batch, 'stream')).toEqual(['handled', 'handled', 'handled'])
    expect(await handleDeliveries(t.engines.db, subs(PLACED), batch, 'stream')).toEqual(['duplicate', 'duplicate', 'duplicate'])
    expect(await deliveries(other.id)).toHaveLength(0)
    expect(await sender.sendDue()).toMatchObject({ claimed: 3, delivered: 3 })
    expect(rx.received.map((r) => JSON.parse(r.body).data.order_id).sort()).toEqual(['ord_1', 'ord_2', 'ord_3'])
    await rx.close()
    for (const h of [specific, other]) expect((await api('DELETE', `/admin/webhooks/${h.id}`)).statusCode).toBe(204)
  })

  test('timeouts and refused connections are failed attempts, logged without a status', async () => {
    now = T0
    const rx = await startReceiver(() => 'hang')
    const slow = await subscribe(rx.url, [PLACED])
    const closed = await startReceiver(() => 200)
    await closed.close()
    const gone = await subscribe(closed.url, [PLACED])
    await publish(PLACED)
    expect(await sender.sendDue()).toMatchObject({ claimed: 2, retrying: 2 })
    const [timedOut] = await deliveries(slow.id)
    expect(timedOut?.log[0]).toMatchObject({ status_code: null, error: 'timed out after 500 ms' })
    expect(timedOut?.next_attempt_at).toBe(new Date(T0 + (offsets[1] as number)).toISOString())
    const [refused] = await deliveries(gone.id)
    expect(refused?.log[0]?.status_code).toBeNull()
    expect(refused?.log[0]?.error).toBeTruthy()
    await rx.close()
    for (const h of [slow, gone]) expect((await api('DELETE', `/admin/webhooks/${h.id}`)).statusCode).toBe(204)
  })

  test('senders running at once each claim different deliveries (SKIP LOCKED): every one is sent once', async () => {
    now = T0
    const rx = await startReceiver(() => 200)
    const hooks = await Promise.all([1, 2, 3, 4, 5, 6].map(() => subscribe(rx.url, [PLACED])))
    await publish(PLACED)
    const other = createIntegrations({ db: t.engines.db, clock: { now: () => new Date(now) }, newId }, { topics: [PLACED], concurrency: 3 })
    const reports = await Promise.all([sender.sendDue(), other.sendDue(), sender.sendDue()])
    expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(6)
    expect(rx.received.map((r) => r.headers['crest-webhook-id']).sort()).toEqual(
      (await Promise.all(hooks.map(async (h) => (await deliveries(h.id))[0]?.id))).sort(),
    )
    await rx.close()
    for (const h of hooks) expect((await api('DELETE', `/admin/webhooks/${h.id}`)).statusCode).toBe(204)
  })

  test('admin endpoints refuse missing auth and bad input with stable 4xx codes', async () => {
    for (const [method, url] of [
      ['GET', '/admin/webhooks'],
      ['POST', '/admin/webhooks'],
      ['DELETE', '/admin/webhooks/whk_x'],
      ['GET', '/admin/webhooks/whk_x/deliveries'],
      ['POST', '/admin/webhooks/deliveries/whd_x/replay'],
    ] as const) {
      const r = await api(method, url, method === 'POST' ? {} : undefined, false)
      expect(r.statusCode, `${method} ${url}`).toBe(401)
      expect(r.json().error.code).toBe('unauthorized')
    }
    const bad = async (payload: unknown) => {
      const r = await api('POST', '/admin/webhooks', payload)
      expect(r.statusCode).toBe(422)
      return r.json().error.code as string
    }
    expect(await bad({ url: 'ftp://example.test/x', event_types: [PLACED] })).toBe('invalid_url')
    expect(await bad({ url: 'not a url', event_types: [PLACED] })).toBe('invalid_url')
    expect(await bad({ url: 'https://example.test/x', event_types: ['orders.order_exploded.v1'] })).toBe('unknown_event_type')
    const invalid = await bad({ url: 'https://example.test/x', event_types: [] })
    expect(invalid).toBe(await bad({ url: 'https://example.test/x' }))
    expect(await bad({ url: 'https://example.test/x', event_types: [PLACED], secret: 'mine' })).toBe(invalid)

    const created = await subscribe('https://example.test/x', [PLACED, PLACED])
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{48}$/)
    const list = await api('GET', '/admin/webhooks')
    const listed = list.json().webhooks.find((w: { id: string }) => w.id === created.id)
    expect(listed).toMatchObject({ url: 'https://example.test/x', event_types: [PLACED], active: true })
    expect(listed.secret).toBeUndefined()
    expect(list.json().topics).toContain(PLACED)
    expect((await api('DELETE', `/admin/webhooks/${created.id}`)).statusCode).toBe(204)
    expect((await api('DELETE', `/admin/webhooks/${created.id}`)).json().error.code).toBe('not_found')
    expect((await api('GET', `/admin/webhooks/${created.id}/deliveries`)).statusCode).toBe(404)
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json()
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/admin/webhooks', '/admin/webhooks/deliveries/{delivery_id}/replay']))
  })
})
