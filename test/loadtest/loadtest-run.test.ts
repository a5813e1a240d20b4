import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunSummary } from '../../src/loadtest/summarize-run.ts'
import { type SandboxCarrier, startSandboxCarrier } from '../../src/sandbox/carrier/index.ts'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { crest, type ServeProcess, startServe } from '../support/crest-process.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { launchChromium } from '../support/launch-chromium.ts'

const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))
const PASSWORD = 'load-test-owner-pass-1'

/** Every order in the store, through the admin API (cursor pages). */
const storeOrders = async (url: string, token: string) => {
  const ids: string[] = []
  let cursor: string | null = null
  for (let page = 0; page < 50; page++) {
    const r = await fetch(`${url}/admin/orders?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(r.status).toBe(200)
    const b = (await r.json()) as { orders: { id: string; email: string }[]; next_cursor: string | null }
    ids.push(...b.orders.map((o) => o.id))
    cursor = b.next_cursor
    if (!cursor) break
  }
  return ids
}

/**
 * `crest loadtest` as a real process against a real `crest serve` process (with the sandbox
 * gateway and carrier): a short spike run, then its report is checked against the store itself.
 */
describe.each(engineKinds())('%s: crest loadtest against a running store', (engine) => {
  let store: { env: Record<string, string>; close: () => Promise<void> }
  let payments: SandboxPayments
  let carrier: SandboxCarrier
  let serve: ServeProcess
  const staff = `owner-${randomUUID().slice(0, 8)}@example.test`
  const out = mkdtempSync(join(tmpdir(), 'crest-loadtest-'))
  let stdout = ''
  let summary: RunSummary

  beforeAll(async () => {
    if (engine === 'postgres') {
      const db = await createTestDatabase('postgres')
      store = { env: { DATABASE_URL: db.url as string }, close: db.close }
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'crest-lt-data-'))
      store = { env: { DATABASE_URL: '', DATA_DIR: dir }, close: async () => rmSync(dir, { recursive: true, force: true }) }
    }
    await crest(['seed', '--products', '30'], store.env)
    await crest(['user', 'create', '--email', staff, '--password', PASSWORD, '--role', 'owner'], store.env)
    payments = await startSandboxPayments({ port: 0 })
    carrier = await startSandboxCarrier({ port: 0 })
    serve = await startServe({
      ...store.env,
      REDIS_URL: '',
      PAYMENT_GATEWAYS: `sandbox=sandbox@${payments.url}`,
      CARRIERS: `sandbox=sandbox@${carrier.url}`,
    })
    // small enough for a busy 2-core machine; a 30 s timeout so a starved CPU is not read as an error
    const args = [
      'loadtest',
      '--url',
      serve.url,
      '--profile',
      'spike',
      '--rate',
      '2',
      '--duration',
      '10s',
      '--spike-at',
      '3s',
      '--spike-for',
      '2s',
    ]
    args.push('--timeout', '30s')
    const run = await promisify(execFile)(
      process.execPath,
      [CREST, ...args, '--mix', 'browse=2,search=2,product=2,cart=1,checkout=3', '--seed', '7', '--out', out],
      {
        env: { ...process.env, NATS_URL: '' },
        timeout: 90_000,
      },
    )
    stdout = run.stdout
    summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary
  }, 240_000)

  afterAll(async () => {
    await serve?.stop()
    await payments?.close()
    await carrier?.close()
    await store?.close()
    rmSync(out, { recursive: true, force: true })
  })

  test('prints a plain progress line per second when not on a terminal, then the totals', () => {
    const lines = stdout.split('\n').filter((l) => /^\[\s*\d+s /.test(l))
    expect(lines.length).toBeGreaterThanOrEqual(9)
    expect(lines[0]).toMatch(/journeys\/s .*in flight .*p50 .*p99 .*errors \d+ shed \d+ \| orders \d+/)
    expect(stdout).toContain(`report: ${join(out, 'report.html')}`)
  })

  test('the JSON summary has sane figures: load was offered as scheduled and answered', () => {
    const t = summary.totals
    // 3 s + 5 s at 2/s and 2 s at 20/s: 56 journeys offered, all started (far below the in-flight cap)
    expect(t.journeysOffered).toBe(56)
    expect(t.journeysStarted).toBe(56)
    expect(t.journeysDropped).toBe(0)
    expect(t.journeysUnfinished).toBe(0)
    expect(t.requests).toBeGreaterThan(t.journeysStarted)
    expect(t.errors, JSON.stringify(summary.answers)).toBe(0)
    expect(summary.latency.p50).toBeGreaterThan(0)
    expect(summary.latency.p50).toBeLessThanOrEqual(summary.latency.p99)
    expect(summary.latency.p99).toBeLessThanOrEqual(summary.latency.max)
    expect(summary.seconds.length).toBeGreaterThanOrEqual(10)
    expect(summary.seconds.reduce((a, s) => a + s.requests, 0)).toBe(t.requests)
    expect(summary.seconds.reduce((a, s) => a + s.orders, 0)).toBe(t.orders)
    expect(Object.keys(summary.byRequest)).toEqual(expect.arrayContaining(['GET product', 'POST cart', 'POST cart item', 'POST checkout']))
    expect(summary.spike).not.toBeNull()
    expect(summary.spike?.accepted.count).toBeGreaterThan(0)
    expect(summary.stock.popularFirst).toBeGreaterThan(0)
  })

  test('orders placed > 0 and equal to the orders in the store and the authorisations at the gateway', async () => {
    expect(summary.totals.orders).toBeGreaterThan(0)
    const token = (
      (await (
        await fetch(`${serve.url}/admin/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: staff, password: PASSWORD }),
        })
      ).json()) as { token: string }
    ).token
    expect((await storeOrders(serve.url, token)).length).toBe(summary.totals.orders)
    const ledger = ((await (await fetch(`${payments.url}/v1/ledger`)).json()) as { entries: { type: string }[] }).entries
    expect(ledger.filter((e) => e.type === 'authorization').length).toBe(summary.totals.orders)
  })

  test('the HTML report is one self-contained file whose charts draw in Chromium', async () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8')
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/)
    expect(html).toContain('uPlot')
    expect(html).toContain(`orders placed<b>${summary.totals.orders}</b>`)
    expect(existsSync(join(out, 'summary.json'))).toBe(true)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await page.goto(`file://${join(out, 'report.html')}`)
      // throughput, latency, in flight, orders, stock; and the waiting room when the store exports its gauge
      expect(await page.locator('.uplot').count()).toBe(summary.waitingRoom.gaugeFound ? 6 : 5)
      expect(errors).toEqual([])
    } finally {
      await browser.close()
    }
  }, 60_000)
})
