import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSandboxGateway, type PaymentsApi } from '../../src/modules/payments/index.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { eur, paymentsOver, sandboxLedger, timed } from './support.ts'

/** The payments module over REAL HTTP to a real sandbox gateway, with a real database. */
describe.each(engineKinds())('payments through the sandbox gateway on %s', (engine) => {
  let db: Database
  let sandbox: SandboxPayments
  let api: PaymentsApi
  let seq = 0
  const orderId = () => `ord_${engine}_sb_${++seq}`
  const authorize = (id: string, token = 'tok_ok', amount = 1000) =>
    api.authorize({ orderId: id, amount: eur(amount), provider: 'sandbox', token, idempotencyKey: `auth_${id}` })

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    sandbox = await startSandboxPayments({ port: 0 })
    api = paymentsOver(db, { sandbox })
  })
  afterAll(async () => {
    await sandbox?.close()
    await db?.close()
  })

  test('tok_ok authorises and records the payment and the ledger row', async () => {
    const id = orderId()
    const r = await authorize(id)
    expect(r).toMatchObject({ ok: true, value: { gateway: 'sandbox' } })
    expect(await api.getPayment(id)).toMatchObject({
      status: 'authorized',
      gateway: 'sandbox',
      amount: eur(1000),
      gateway_ref: r.ok ? r.value.gatewayRef : '',
    })
    const [row] = await api.listAttempts(id)
    expect(row).toMatchObject({ gateway: 'sandbox', operation: 'authorize', outcome: 'succeeded', amount: eur(1000) })
    expect(await sandboxLedger(sandbox, id)).toEqual(['authorization:1000'])
  })

  test('tok_declined is declined, an unknown token too', async () => {
    const id = orderId()
    expect(await authorize(id, 'tok_declined')).toMatchObject({ ok: false, error: { code: 'PAYMENTS_DECLINED', reason: 'card_declined' } })
    expect(await authorize(orderId(), 'tok_bogus')).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_DECLINED', reason: 'invalid_token' },
    })
    expect(await api.getPayment(id)).toBeNull()
    expect(await sandboxLedger(sandbox, id)).toEqual([])
  })

  test('tok_slow authorises after about 2 s, inside the timeout', async () => {
    const id = orderId()
    const t = await timed(() => authorize(id, 'tok_slow'))
    expect(t.value).toMatchObject({ ok: true })
    expect(t.ms).toBeGreaterThanOrEqual(1950)
    expect((await api.listAttempts(id)).map((a) => a.outcome)).toEqual(['succeeded'])
  })

  test('tok_error fails as an outage: retried, then PAYMENTS_UNAVAILABLE, nothing charged', async () => {
    const own = paymentsOver(db, { sandbox }, { breakerFailures: 10 })
    const id = orderId()
    const r = await own.authorize({ orderId: id, amount: eur(1000), provider: 'sandbox', token: 'tok_error', idempotencyKey: `auth_${id}` })
    expect(r).toMatchObject({ ok: false, error: { code: 'PAYMENTS_UNAVAILABLE', tried: ['sandbox'] } })
    expect((await own.listAttempts(id)).map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed'])
    expect((await own.listAttempts(id))[0]?.error).toContain('provider_unavailable')
    expect(await sandboxLedger(sandbox, id)).toEqual([])
  })

  test('an idempotent replay creates no second authorisation at the sandbox', async () => {
    const id = orderId()
    const first = await authorize(id)
    expect(await authorize(id)).toEqual(first)
    expect(await sandboxLedger(sandbox, id)).toEqual(['authorization:1000'])

    // the adapter itself, same key twice over HTTP: the sandbox replays its first answer
    const gateway = createSandboxGateway({ name: 'direct', baseUrl: sandbox.url, timeoutMs: 3000, now: () => new Date() })
    const ref = orderId()
    const input = { amount: eur(700), token: 'tok_ok', idempotencyKey: `auth_${ref}`, reference: ref }
    const a = await gateway.authorize(input)
    expect(await gateway.authorize(input)).toEqual(a)
    expect(await sandboxLedger(sandbox, ref)).toEqual(['authorization:700'])
    const declined = { ...input, token: 'tok_declined', idempotencyKey: `dec_${ref}` }
    expect(await gateway.authorize(declined)).toEqual(await gateway.authorize(declined))
  })

  test('concurrent checkouts of one order authorise once', async () => {
    const id = orderId()
    const results = await Promise.all([1, 2, 3].map(() => authorize(id, 'tok_slow')))
    const refs = new Set(results.flatMap((r) => (r.ok ? [r.value.gatewayRef] : [])))
    expect(refs.size).toBe(1)
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('PAYMENTS_IN_PROGRESS')
    expect(await sandboxLedger(sandbox, id)).toEqual(['authorization:1000'])
  })

  test('partial capture, partial and full refunds, over-refund refused', async () => {
    const id = orderId()
    await authorize(id, 'tok_ok', 10_000)
    expect(await api.capture({ orderId: id, amount: eur(6000) })).toEqual({ ok: true, value: { captured: eur(6000) } })
    expect(await api.refund({ orderId: id, amount: eur(2000), idempotencyKey: 'ret_1' })).toEqual({
      ok: true,
      value: { refunded: eur(2000) },
    })
    expect(await api.refund({ orderId: id, amount: eur(2000), idempotencyKey: 'ret_1' })).toEqual({
      ok: true,
      value: { refunded: eur(2000) },
    })
    expect(await api.refund({ orderId: id, amount: eur(5000), idempotencyKey: 'ret_2' })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_AMOUNT_EXCEEDED', available: 4000 },
    })
    expect(await api.getPayment(id)).toMatchObject({ status: 'partially_refunded', captured: eur(6000), refunded: eur(2000) })
    expect(await api.refund({ orderId: id, amount: eur(4000), idempotencyKey: 'ret_3' })).toMatchObject({ ok: true })
    expect(await api.getPayment(id)).toMatchObject({ status: 'refunded', refunded: eur(6000) })
    expect(await api.refund({ orderId: id, amount: eur(1), idempotencyKey: 'ret_4' })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_INVALID_STATE' },
    })
    expect(await sandboxLedger(sandbox, id)).toEqual(['authorization:10000', 'capture:6000', 'refund:2000', 'refund:4000'])
    expect((await api.listAttempts(id)).map((a) => `${a.operation}:${a.outcome}`)).toEqual([
      'authorize:succeeded',
      'capture:succeeded',
      'refund:succeeded',
      'refund:succeeded',
    ])
  })

  test('full capture by default, and a full refund', async () => {
    const id = orderId()
    await authorize(id, 'tok_ok', 2500)
    expect(await api.capture({ orderId: id })).toEqual({ ok: true, value: { captured: eur(2500) } })
    expect(await api.refund({ orderId: id, amount: eur(2500), idempotencyKey: 'all' })).toMatchObject({ ok: true })
    expect(await sandboxLedger(sandbox, id)).toEqual(['authorization:2500', 'capture:2500', 'refund:2500'])
  })

  test('concurrent refunds cannot exceed what was captured', async () => {
    const id = orderId()
    await authorize(id, 'tok_ok', 1000)
    await api.capture({ orderId: id })
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => api.refund({ orderId: id, amount: eur(300), idempotencyKey: `c${n}` })))
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    expect(await api.getPayment(id)).toMatchObject({ refunded: eur(900) })
    expect((await sandboxLedger(sandbox, id)).filter((e) => e.startsWith('refund'))).toEqual(['refund:300', 'refund:300', 'refund:300'])
  })

  test('void releases the authorisation; nothing can be captured after it', async () => {
    const id = orderId()
    await authorize(id)
    expect(await api.void({ orderId: id })).toEqual({ ok: true, value: null })
    expect(await api.void({ orderId: id })).toEqual({ ok: true, value: null })
    expect(await api.capture({ orderId: id })).toMatchObject({ ok: false, error: { code: 'PAYMENTS_INVALID_STATE', status: 'voided' } })
    expect(await api.refund({ orderId: id, amount: eur(100), idempotencyKey: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_INVALID_STATE' },
    })
    expect(await sandboxLedger(sandbox, id)).toEqual(['authorization:1000', 'void:1000'])
  })

  test('operations on an order without a payment', async () => {
    expect(await api.capture({ orderId: 'ord_missing' })).toMatchObject({ ok: false, error: { code: 'PAYMENTS_NOT_FOUND' } })
    expect(await api.void({ orderId: 'ord_missing' })).toMatchObject({ ok: false, error: { code: 'PAYMENTS_NOT_FOUND' } })
    expect(await api.refund({ orderId: 'ord_missing', amount: eur(1), idempotencyKey: 'k' })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_NOT_FOUND' },
    })
    expect(await api.listAttempts('ord_missing')).toEqual([])
  })
})
