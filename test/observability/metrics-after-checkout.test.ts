import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { cartWith, checkout, firstVariant, stockExactly } from '../checkout/shop.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { familiesOf, find, parseSamples, type Sample, sumOf } from './prometheus-text.ts'

describe.each(engineKinds())('%s: /metrics after a checkout', (engine) => {
  let t: TestApp
  let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
  let variantId: string
  let text: string
  let samples: Sample[]
  let before: Sample[]
  let contentType: string
  /** counters and histograms are per process (other apps in this file count too): compare with the scrape before */
  const delta = (name: string, labels: Record<string, string> = {}) => sumOf(samples, name, labels) - sumOf(before, name, labels)
  beforeAll(async () => {
    sandbox = await startSandboxPayments({ port: 0 })
    t = await startTestApp({ engine, seedProducts: 5, env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}` } })
    variantId = await firstVariant(t)
    await stockExactly(t, variantId, 100)
    before = parseSamples(await (await fetch(`${t.url}/metrics`)).text())
    const placed = await checkout(t, await cartWith(t, variantId, 2))
    expect(placed.status).toBe(201)
    const declined = await checkout(t, await cartWith(t, variantId, 1), 'tok_declined')
    expect(declined.status).toBe(402)
    const handle = (await (await fetch(`${t.url}/store/products?limit=1`)).json()).products[0].handle
    for (let i = 0; i < 3; i++) expect((await fetch(`${t.url}/store/products/${handle}`)).status).toBe(200)
    expect((await fetch(`${t.url}/store/no-such-thing/cart_123`)).status).toBe(404)
    const r = await fetch(`${t.url}/metrics`)
    expect(r.status).toBe(200)
    contentType = r.headers.get('content-type') ?? ''
    text = await r.text()
    samples = parseSamples(text)
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await sandbox?.close()
  })

  test('is the Prometheus text format, counters named _total, units in the names', () => {
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/)
    for (const [name, kind] of familiesOf(text)) {
      if (kind === 'counter') expect(name, name).toMatch(/_total$/)
      if (name.startsWith('crest_') || name.startsWith('http_') || name.startsWith('db_')) expect(name, name).toMatch(/^[a-z][a-z0-9_]*$/)
    }
    expect(familiesOf(text).get('http_server_request_duration_seconds')).toBe('histogram')
    expect(familiesOf(text).get('db_client_operation_duration_seconds')).toBe('histogram')
  })

  test('request durations are labelled by route template, method and status class', () => {
    const route = '/store/carts/:id/checkout'
    expect(delta('http_server_request_duration_seconds_count', { route, method: 'POST', status_class: '2xx' })).toBe(1)
    expect(delta('http_server_request_duration_seconds_count', { route, method: 'POST', status_class: '4xx' })).toBe(1)
    const sum = delta('http_server_request_duration_seconds_sum', { route, method: 'POST', status_class: '2xx' })
    expect(sum).toBeGreaterThan(0)
    expect(sum).toBeLessThan(30)
    // the +Inf bucket equals the count; buckets never decrease
    const buckets = find(samples, 'http_server_request_duration_seconds_bucket', { route, method: 'POST', status_class: '2xx' })
    expect(buckets.at(-1)?.labels.le).toBe('+Inf')
    expect(buckets.at(-1)?.value).toBe(
      sumOf(samples, 'http_server_request_duration_seconds_count', { route, method: 'POST', status_class: '2xx' }),
    )
    for (let i = 1; i < buckets.length; i++) expect((buckets[i] as Sample).value).toBeGreaterThanOrEqual((buckets[i - 1] as Sample).value)
    // raw URLs never become labels: the unmatched request shares one series
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('cart_123') || v.includes('cart_0')))).toBe(false)
    expect(delta('http_server_request_duration_seconds_count', { route: 'unmatched', status_class: '4xx' })).toBe(1)
    expect(
      delta('http_server_request_duration_seconds_count', { route: '/store/products/:handle', method: 'GET', status_class: '2xx' }),
    ).toBe(3)
  })

  test('business counters: one order placed, one declined, payments per gateway, breaker closed', () => {
    expect(delta('crest_checkout_attempts_total')).toBe(2)
    expect(delta('crest_orders_placed_total', { currency: 'EUR' })).toBe(1)
    expect(delta('crest_order_value_placed_minor_units_total', { currency: 'EUR' })).toBeGreaterThan(0)
    expect(delta('crest_checkout_failures_total', { code: 'CHECKOUT_PAYMENT_DECLINED' })).toBe(1)
    expect(delta('crest_inventory_stock_conflicts_total')).toBe(0)
    expect(delta('crest_payment_attempts_total', { gateway: 'sandbox' })).toBeGreaterThanOrEqual(2)
    expect(delta('crest_payment_failures_total', { gateway: 'sandbox' })).toBe(0)
    expect(sumOf(samples, 'crest_payment_breaker_state', { gateway: 'sandbox', state: 'closed' })).toBe(1)
    expect(sumOf(samples, 'crest_payment_breaker_state', { gateway: 'sandbox', state: 'open' })).toBe(0)
    // the top seller is the variant just sold: 100 on hand, 2 sold
    expect(sumOf(samples, 'crest_top_seller_stock_available_units', { variant_id: variantId })).toBe(98)
  })

  test('database statements are timed by engine and operation; the cache counts hits and misses', () => {
    const system = engine === 'postgres' ? 'postgresql' : 'pglite'
    for (const op of ['select', 'insert', 'update'])
      expect(
        delta('db_client_operation_duration_seconds_count', { db_system_name: system, db_operation_name: op, outcome: 'ok' }),
        op,
      ).toBeGreaterThan(0)
    if (engine === 'postgres') {
      expect(sumOf(samples, 'db_client_connection_max', { pool_name: 'primary' })).toBe(t.config.DATABASE_POOL_SIZE)
      expect(find(samples, 'db_client_connection_count', { pool_name: 'primary', state: 'idle' })).toHaveLength(1)
    }
    expect(delta('crest_cache_misses_total', { cache: 'response' })).toBeGreaterThanOrEqual(1)
    expect(delta('crest_cache_hits_total', { cache: 'response' })).toBeGreaterThanOrEqual(2)
  })

  test('the event pipeline and the process are reported', () => {
    expect(find(samples, 'crest_outbox_lag_seconds')).toHaveLength(1)
    expect(sumOf(samples, 'crest_outbox_lag_seconds')).toBeGreaterThanOrEqual(0)
    expect(sumOf(samples, 'crest_outbox_lag_seconds')).toBeLessThan(120)
    expect(sumOf(samples, 'crest_event_dead_letters')).toBe(0)
    expect(sumOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000)
    expect(find(samples, 'nodejs_eventloop_lag_p99_seconds')).toHaveLength(1)
    expect(find(samples, 'nodejs_heap_size_used_bytes')).toHaveLength(1)
  })
})
