import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { paymentsAdminRoutes, type PaymentsApi } from '../../src/modules/payments/index.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { handleErrors } from '../../src/platform/http/handle-errors.ts'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { configureSandbox, eur, paymentsOver, sandboxLedger, testPolicies, timed } from './support.ts'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

/** Two real sandbox gateways on loopback, `primary` before `backup`, and a real database. */
describe.each(engineKinds())('payment failover between two sandbox gateways on %s', (engine) => {
  let db: Database
  let primary: SandboxPayments
  let backup: SandboxPayments
  let seq = 0
  const orderId = () => `ord_${engine}_fo_${++seq}`
  const authorize = (api: PaymentsApi, id: string, token = 'tok_ok') =>
    api.authorize({ orderId: id, amount: eur(1000), provider: 'sandbox', token, idempotencyKey: `auth_${id}` })

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    primary = await startSandboxPayments({ port: 0 })
    backup = await startSandboxPayments({ port: 0 })
  })
  afterAll(async () => {
    await primary?.close()
    await backup?.close()
    await db?.close()
  })
  beforeEach(async () => {
    await configureSandbox(primary, { failureRate: 0, latencyMs: 0 })
    await configureSandbox(backup, { failureRate: 0, latencyMs: 0 })
  })

  test('with primary failing every call, authorisations succeed through backup; once the breaker opens, primary is skipped at normal latency', async () => {
    const api = paymentsOver(db, { primary, backup })
    const baseline: number[] = []
    for (let i = 0; i < 5; i++) baseline.push((await timed(() => authorize(api, orderId()))).ms)
    expect(api.gatewayStatus()[0]).toMatchObject({ name: 'primary', breaker: 'closed' })

    await configureSandbox(primary, { failureRate: 1 })
    const first = orderId()
    const failingOver = await timed(() => authorize(api, first))
    expect(failingOver.value).toMatchObject({ ok: true, value: { gateway: 'backup' } })
    expect((await api.listAttempts(first)).map((a) => `${a.gateway}:${a.outcome}`)).toEqual([
      'primary:failed',
      'primary:failed',
      'primary:failed',
      'backup:succeeded',
    ])
    expect(api.gatewayStatus().map((s) => [s.name, s.breaker])).toEqual([
      ['primary', 'open'],
      ['backup', 'closed'],
    ])

    const primaryCalls = api.gatewayStatus()[0]?.attempts
    const after: number[] = []
    const ids: string[] = []
    for (let i = 0; i < 10; i++) {
      const id = orderId()
      ids.push(id)
      const t = await timed(() => authorize(api, id))
      expect(t.value).toMatchObject({ ok: true, value: { gateway: 'backup' } })
      after.push(t.ms)
    }
    // straight to backup: no call reaches primary, and each costs about what a normal call costs
    expect(api.gatewayStatus()[0]).toMatchObject({ breaker: 'open', attempts: primaryCalls, skipped: 10 })
    expect(Math.max(...after)).toBeLessThan(testPolicies.timeoutMs / 10)
    expect(median(after)).toBeLessThan(median(baseline) + 50)
    for (const id of ids) {
      expect((await api.listAttempts(id)).map((a) => `${a.gateway}:${a.outcome}`)).toEqual(['primary:skipped', 'backup:succeeded'])
      expect(await sandboxLedger(backup, id)).toEqual(['authorization:1000'])
      expect(await sandboxLedger(primary, id)).toEqual([])
    }
    expect(await sandboxLedger(primary, first)).toEqual([])
    expect(await sandboxLedger(backup, first)).toEqual(['authorization:1000'])
  })

  test('a primary that times out is failed over, and skipped within the normal latency budget once its breaker opens', async () => {
    const api = paymentsOver(db, { primary, backup }, { timeoutMs: 800, retries: 1, breakerFailures: 2 })
    await configureSandbox(primary, { latencyMs: 5000 })
    const slow = await timed(() => authorize(api, orderId()))
    expect(slow.value).toMatchObject({ ok: true, value: { gateway: 'backup' } })
    expect(slow.ms).toBeGreaterThanOrEqual(1550) // two timed-out tries of 800 ms
    expect(api.gatewayStatus()[0]).toMatchObject({ breaker: 'open', failures: 2, last_error: 'timeout: timeout' })

    const fast = await timed(() => authorize(api, orderId()))
    expect(fast.value).toMatchObject({ ok: true, value: { gateway: 'backup' } })
    expect(fast.ms).toBeLessThan(300) // a normal call: well below one timeout, let alone two
  })

  test('after the half-open delay a recovered primary takes the traffic again', async () => {
    const api = paymentsOver(db, { primary, backup }, { breakerHalfOpenMs: 400 })
    await configureSandbox(primary, { failureRate: 1 })
    expect(await authorize(api, orderId())).toMatchObject({ ok: true, value: { gateway: 'backup' } })
    expect(api.gatewayStatus()[0]?.breaker).toBe('open')
    await configureSandbox(primary, { failureRate: 0 })
    expect(await authorize(api, orderId())).toMatchObject({ ok: true, value: { gateway: 'backup' } })
    await new Promise((resolve) => setTimeout(resolve, 450))
    const id = orderId()
    expect(await authorize(api, id)).toMatchObject({ ok: true, value: { gateway: 'primary' } })
    expect(api.gatewayStatus()[0]?.breaker).toBe('closed')
    expect(await sandboxLedger(primary, id)).toEqual(['authorization:1000'])
  })

  test('a decline does not fail over', async () => {
    const api = paymentsOver(db, { primary, backup })
    const id = orderId()
    expect(await authorize(api, id, 'tok_declined')).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_DECLINED', gateway: 'primary', reason: 'card_declined' },
    })
    expect((await api.listAttempts(id)).map((a) => `${a.gateway}:${a.outcome}`)).toEqual(['primary:declined'])
    expect(await sandboxLedger(backup, id)).toEqual([])
    expect(api.gatewayStatus()[0]).toMatchObject({ breaker: 'closed', failures: 0 })
  })

  test('when both gateways are down the answer is PAYMENTS_UNAVAILABLE, and nothing was charged', async () => {
    const api = paymentsOver(db, { primary, backup })
    const id = orderId()
    expect(await authorize(api, id, 'tok_error')).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_UNAVAILABLE', tried: ['primary', 'backup'] },
    })
    expect((await api.listAttempts(id)).map((a) => a.outcome)).toEqual(Array(6).fill('failed'))
    expect(await api.getPayment(id)).toBeNull()
    expect([...(await sandboxLedger(primary, id)), ...(await sandboxLedger(backup, id))]).toEqual([])
  })

  describe('the admin API', () => {
    let app: FastifyInstance
    afterAll(() => app?.close())

    test('shows the breaker state over HTTP', async () => {
      const payments = paymentsOver(db, { primary, backup })
      await configureSandbox(primary, { failureRate: 1 })
      const id = orderId()
      await authorize(payments, id)
      app = Fastify()
      app.setValidatorCompiler(validatorCompiler)
      app.setSerializerCompiler(serializerCompiler)
      handleErrors(app)
      await app.register(paymentsAdminRoutes({ payments, requireStaff: async () => {} }), { prefix: '/admin' })
      const base = await app.listen({ port: 0, host: '127.0.0.1' })
      const gateways = (await (await fetch(`${base}/admin/payments/gateways`)).json()) as { gateways: { name: string; breaker: string }[] }
      expect(gateways.gateways.map((g) => `${g.name}:${g.breaker}`)).toEqual(['primary:open', 'backup:closed'])
      const ledger = (await (await fetch(`${base}/admin/payments/attempts?order_id=${id}`)).json()) as { attempts: { outcome: string }[] }
      expect(ledger.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed', 'succeeded'])
      const payment = await fetch(`${base}/admin/payments/orders/${id}`)
      expect(((await payment.json()) as { payment: { gateway: string } }).payment.gateway).toBe('backup')
    })
  })
})
