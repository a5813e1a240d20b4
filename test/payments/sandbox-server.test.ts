import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'

type Reply = { status: number; body: Record<string, unknown> & { error?: { code: string } }; replayed: boolean }
type LedgerEntry = { type: string; reference: string; amount: number; idempotency_key: string }

/** The sandbox payment gateway's own HTTP API, over real HTTP on loopback. */
describe('sandbox payment gateway server', () => {
  let sandbox: SandboxPayments
  let seq = 0
  const lines: string[] = []
  const ref = () => `ord_srv_${++seq}`

  beforeAll(async () => {
    sandbox = await startSandboxPayments({ port: 0, log: (l) => lines.push(l) })
  })
  afterAll(() => sandbox?.close())
  beforeEach(() => config({ latencyMs: 0, failureRate: 0 }))

  const call = async (method: string, path: string, body?: unknown, key?: string): Promise<Reply> => {
    const r = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(key !== undefined && { 'idempotency-key': key }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    return { status: r.status, body: (await r.json()) as Reply['body'], replayed: r.headers.get('idempotent-replayed') === 'true' }
  }
  const config = (c: { latencyMs?: number; failureRate?: number }) => call('POST', '/v1/admin/config', c)
  const authorize = (reference: string, token = 'tok_ok', key = `k_${reference}`, amount = 1000) =>
    call('POST', '/v1/authorizations', { amount, currency: 'EUR', token, reference }, key)
  const ledger = async (reference: string) =>
    ((await call('GET', `/v1/ledger?reference=${reference}`)).body.entries as LedgerEntry[]).map((e) => `${e.type}:${e.amount}`)

  test('health and the test tokens', async () => {
    expect(await call('GET', '/healthz')).toMatchObject({ status: 200, body: { ok: true } })
    const r = ref()
    expect(await authorize(r)).toMatchObject({ status: 201, body: { status: 'authorized', amount: 1000, currency: 'EUR', reference: r } })
    expect(((await authorize(ref())).body.id as string).startsWith('auth_')).toBe(true)
    expect(await authorize(ref(), 'tok_declined')).toMatchObject({ status: 402, body: { error: { code: 'card_declined' } } })
    expect(await authorize(ref(), 'tok_error')).toMatchObject({ status: 503 })
    expect(await authorize(ref(), 'tok_unknown')).toMatchObject({ status: 402, body: { error: { code: 'invalid_token' } } })
    expect(lines.some((l) => l.startsWith('POST /v1/authorizations 201'))).toBe(true)
  })

  test('tok_slow answers after 2 s', async () => {
    const started = Date.now()
    expect((await authorize(ref(), 'tok_slow')).status).toBe(201)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1950)
  })

  test('idempotency: replay without a new effect, 422 for another body, 409 while in flight', async () => {
    const r = ref()
    const first = await authorize(r)
    const again = await authorize(r)
    expect(again).toEqual({ ...first, replayed: true })
    expect(await ledger(r)).toEqual(['authorization:1000'])
    expect(await authorize(r, 'tok_ok', `k_${r}`, 999)).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } })

    const d = ref()
    expect(await authorize(d, 'tok_declined')).toMatchObject({ status: 402 })
    expect(await authorize(d, 'tok_declined')).toMatchObject({ status: 402, replayed: true })

    const s = ref()
    const slow = authorize(s, 'tok_slow')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await authorize(s, 'tok_slow')).toMatchObject({ status: 409, body: { error: { code: 'idempotency_in_progress' } } })
    expect((await slow).status).toBe(201)
    expect(await ledger(s)).toEqual(['authorization:1000'])
  })

  test('an outage answer is not kept: the same key is processed again', async () => {
    const r = ref()
    await config({ failureRate: 1 })
    expect(await authorize(r)).toMatchObject({ status: 503, body: { error: { code: 'provider_unavailable' } } })
    await config({ failureRate: 0 })
    expect(await authorize(r)).toMatchObject({ status: 201, replayed: false })
    expect(await ledger(r)).toEqual(['authorization:1000'])
  })

  test('bad requests', async () => {
    expect(await call('POST', '/v1/authorizations', { amount: 1000, currency: 'EUR', token: 'tok_ok', reference: 'x' })).toMatchObject({
      status: 400,
      body: { error: { code: 'idempotency_key_required' } },
    })
    expect(
      await call('POST', '/v1/authorizations', { amount: -1, currency: 'EUR', token: 'tok_ok', reference: 'x' }, 'bad1'),
    ).toMatchObject({ status: 400 })
    expect(await call('POST', '/v1/authorizations', { amount: 1, currency: 'eur', token: 'tok_ok', reference: 'x' }, 'bad2')).toMatchObject(
      { status: 400 },
    )
    expect(
      (await fetch(`${sandbox.url}/v1/authorizations`, { method: 'POST', headers: { 'idempotency-key': 'bad3' }, body: '{' })).status,
    ).toBe(400)
    expect(await call('GET', '/v1/nothing')).toMatchObject({ status: 404 })
    expect(await config({ failureRate: 2 })).toMatchObject({ status: 400 })
  })

  test('capture (partial, once), refunds up to the captured amount, void only before capture', async () => {
    const r = ref()
    const id = (await authorize(r, 'tok_ok', `k_${r}`, 5000)).body.id as string
    const op = (what: string, body: unknown, key: string) => call('POST', `/v1/authorizations/${id}/${what}`, body, key)
    expect(await op('capture', { amount: 6000 }, 'c0')).toMatchObject({
      status: 422,
      body: { error: { code: 'amount_exceeds_authorized' } },
    })
    expect(await op('capture', { amount: 4000 }, 'c1')).toMatchObject({ status: 200, body: { status: 'captured', captured_amount: 4000 } })
    expect(await op('capture', { amount: 4000 }, 'c1')).toMatchObject({ status: 200, replayed: true })
    expect(await op('capture', { amount: 1000 }, 'c2')).toMatchObject({ status: 409, body: { error: { code: 'invalid_state' } } })
    expect(await op('refunds', { amount: 3000 }, 'r1')).toMatchObject({ status: 201, body: { amount: 3000, status: 'succeeded' } })
    expect(await op('refunds', { amount: 3000 }, 'r1')).toMatchObject({ status: 201, replayed: true })
    expect(await op('refunds', { amount: 1001 }, 'r2')).toMatchObject({ status: 422, body: { error: { code: 'amount_exceeds_captured' } } })
    expect(await op('refunds', { amount: 1000 }, 'r3')).toMatchObject({ status: 201 })
    expect(await op('void', {}, 'v1')).toMatchObject({ status: 409 })
    expect(await ledger(r)).toEqual(['authorization:5000', 'capture:4000', 'refund:3000', 'refund:1000'])

    const v = ref()
    const vid = (await authorize(v)).body.id as string
    expect(await call('POST', `/v1/authorizations/${vid}/void`, {}, 'v2')).toMatchObject({ status: 200, body: { status: 'voided' } })
    expect(await call('POST', `/v1/authorizations/${vid}/capture`, {}, 'c3')).toMatchObject({ status: 409 })
    expect(await call('POST', '/v1/authorizations/auth_nope/capture', {}, 'c4')).toMatchObject({ status: 404 })
    expect(await ledger(v)).toEqual(['authorization:1000', 'void:1000'])
  })

  test('behaviour changes at run time: failure rate and latency', async () => {
    expect((await config({ failureRate: 1, latencyMs: 0 })).body).toEqual({ failureRate: 1, latencyMs: 0 })
    const r = ref()
    for (let i = 0; i < 3; i++) expect((await authorize(r)).status).toBe(503)
    expect(await ledger(r)).toEqual([])
    await config({ failureRate: 0, latencyMs: 150 })
    const started = Date.now()
    expect((await authorize(r)).status).toBe(201)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect((await call('GET', '/v1/admin/config')).body).toEqual({ failureRate: 0, latencyMs: 150 })
  })

  test('a caller that gave up during the latency leaves no effect behind', async () => {
    await config({ latencyMs: 300 })
    const r = ref()
    const aborted = fetch(`${sandbox.url}/v1/authorizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `k_${r}` },
      body: JSON.stringify({ amount: 1000, currency: 'EUR', token: 'tok_ok', reference: r }),
      signal: AbortSignal.timeout(50),
    })
    await expect(aborted).rejects.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(await ledger(r)).toEqual([])
  })

  test('failureRate is a probability', async () => {
    const rolls = [0.1, 0.9, 0.4, 0.6]
    const flaky = await startSandboxPayments({ port: 0, failureRate: 0.5, random: () => rolls.shift() ?? 1 })
    try {
      const statuses = []
      for (let i = 0; i < 4; i++) {
        const r = await fetch(`${flaky.url}/v1/authorizations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `p${i}` },
          body: JSON.stringify({ amount: 100, currency: 'EUR', token: 'tok_ok', reference: `p${i}` }),
        })
        statuses.push(r.status)
      }
      expect(statuses).toEqual([503, 201, 503, 201])
    } finally {
      await flaky.close()
    }
    await expect(startSandboxPayments({ port: 0, failureRate: 1.5 })).rejects.toThrow(RangeError)
  })
})
