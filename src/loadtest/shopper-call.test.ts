import { expect, test } from 'vitest'
import type { HttpClient, Reply } from './http-client.ts'
import { type CallContext, call } from './shopper-call.ts'

const reply = (status: number, extra: Partial<Reply> = {}): Reply => ({
  status,
  body: null,
  ms: 5,
  code: `http_${status}`,
  retryAfter: undefined,
  timedOut: false,
  queueToken: undefined,
  ...extra,
})

/** a fake HTTP client answering from a script, remembering what was sent (unit test of call() alone) */
const scripted = (answers: Reply[]) => {
  const sent: Record<string, string>[] = []
  const http: HttpClient = {
    send: async (_m, _p, _b, headers = {}) => {
      sent.push(headers)
      return answers.shift() ?? reply(200)
    },
    close: () => {},
  }
  return { http, sent }
}

const context = (http: HttpClient, o: Partial<CallContext> = {}) => {
  const waits: number[] = []
  const counts = { retries: 0, gaveUp: 0 }
  const c: CallContext = {
    http,
    now: () => 0,
    phase: () => 'steady',
    report: () => {},
    onRetry: () => void counts.retries++,
    onGiveUp: () => void counts.gaveUp++,
    maxRetries: 2,
    retryUntil: () => 1000,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    session: {},
    ...o,
  }
  return { c, waits, counts }
}

test('a 503 with Retry-After is waited out and retried; the retry gets through', async () => {
  const { http } = scripted([reply(503, { code: 'overloaded', retryAfter: '2' }), reply(201)])
  const { c, waits, counts } = context(http)
  const r = await call(c, 'POST checkout', 'POST', '/store/carts/x/checkout', {})
  expect(r.outcome).toBe('ok')
  expect(waits).toEqual([2000])
  expect(counts).toEqual({ retries: 1, gaveUp: 0 })
})

test('retries are bounded: after maxRetries the shopper gives up, counted as shed', async () => {
  const shed = () => reply(503, { code: 'overloaded', retryAfter: '1' })
  const { http } = scripted([shed(), shed(), shed(), shed(), reply(200)])
  const { c, counts } = context(http)
  expect((await call(c, 'GET list', 'GET', '/store/products')).outcome).toBe('shed')
  expect(counts).toEqual({ retries: 2, gaveUp: 1 })
})

test('no retry waits past the end of the run', async () => {
  const { http } = scripted([reply(429, { code: 'too_many_requests', retryAfter: '5' })])
  const { c, counts } = context(http, { now: () => 98, retryUntil: () => 100 })
  expect((await call(c, 'GET list', 'GET', '/store/products')).outcome).toBe('shed')
  expect(counts.gaveUp).toBe(1)
})

test("the waiting room's ticket, then its pass, are sent back as X-Queue-Token", async () => {
  const { http, sent } = scripted([
    reply(429, { code: 'queued', retryAfter: '1', queueToken: 'tkt_1' }),
    reply(200, { queueToken: 'pass_1' }),
    reply(200),
  ])
  const { c } = context(http)
  await call(c, 'GET list', 'GET', '/store/products')
  await call(c, 'GET product', 'GET', '/store/products/a')
  expect(sent.map((h) => h['x-queue-token'])).toEqual([undefined, 'tkt_1', 'pass_1'])
})

test('an error is not retried', async () => {
  const { http } = scripted([reply(500, { code: 'internal' }), reply(200)])
  const { c, counts } = context(http)
  expect((await call(c, 'GET list', 'GET', '/store/products')).outcome).toBe('error')
  expect(counts.retries).toBe(0)
})
