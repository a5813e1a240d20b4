import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '../../platform/db/database.ts'
import { migrate } from '../../platform/db/migrate.ts'
import { openPglite } from '../../platform/db/open-pglite.ts'
import { newId } from '../../platform/ids/new-id.ts'
import type { GatewayAuthorization, PaymentGateway, PaymentsApi } from './contract.ts'
import { createPayments } from './create-payments.ts'
import type { PaymentsOptions } from './deps.ts'
import { GatewayError } from './domain/gateway-error.ts'

type Mode = 'ok' | 'decline' | 'down' | 'conflict' | 'reject'

/** An in-memory gateway: its mode decides every answer; it dedupes refunds by key as real ones do. */
const fakeGateway = (name: string, provider = 'sandbox') => {
  const state = { mode: 'ok' as Mode, calls: [] as string[], refundKeys: new Set<string>(), delayMs: 0, uniqueRefs: false }
  const act = async <T>(op: string, value: T): Promise<T> => {
    state.calls.push(op)
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs))
    if (state.mode === 'down') throw new GatewayError('unavailable', 'http_503')
    if (state.mode === 'conflict') throw new GatewayError('conflict', 'idempotency_in_progress')
    if (state.mode === 'reject') throw new GatewayError('rejected', 'invalid_state')
    return value
  }
  const gateway: PaymentGateway = {
    name,
    provider,
    authorize: ({ idempotencyKey }) =>
      act<GatewayAuthorization>(
        'authorize',
        state.mode === 'decline'
          ? { outcome: 'declined', reason: 'card_declined' }
          : { outcome: 'authorized', gatewayRef: `${name}_${idempotencyKey}${state.uniqueRefs ? `_${state.calls.length}` : ''}` },
      ),
    capture: () => act('capture', undefined),
    void: () => act('void', undefined),
    refund: async ({ idempotencyKey }) => {
      await act('refund', undefined)
      state.refundKeys.add(idempotencyKey)
    },
    lookup: async () => ({ state: 'not_found' }),
    verifyWebhook: async () => ({ verified: name }),
  }
  return { gateway, state }
}

const options = (names: string[]): PaymentsOptions => ({
  gateways: names.map((name) => ({ name, kind: 'sandbox', url: null })),
  timeoutMs: 500,
  retries: 1,
  breakerFailures: 2,
  breakerHalfOpenMs: 60_000,
  backoffInitialMs: 1,
  backoffMaxMs: 5,
})

const eur = (amount: number) => ({ amount, currency: 'EUR' })
let seq = 0
const orderId = () => `ord_unit_${++seq}`

describe('createPayments with in-memory gateways', () => {
  let db: Database
  beforeAll(async () => {
    db = await openPglite('memory')
    await migrate(db)
  })
  afterAll(() => db?.close())

  const setup = (...fakes: ReturnType<typeof fakeGateway>[]): PaymentsApi => {
    const byName = new Map(fakes.map((f) => [f.gateway.name, f.gateway]))
    return createPayments(
      { db, clock: { now: () => new Date() }, newId, createGateway: (spec) => byName.get(spec.name) as PaymentGateway },
      options(fakes.map((f) => f.gateway.name)),
    )
  }
  const authorize = (api: PaymentsApi, id: string, amount = 1000, provider = 'sandbox') =>
    api.authorize({ orderId: id, amount: eur(amount), provider, token: 'tok_ok', idempotencyKey: `auth_${id}` })

  test('a failing primary is retried, then the backup authorises; every call is in the ledger', async () => {
    const primary = fakeGateway('primary')
    const backup = fakeGateway('backup')
    primary.state.mode = 'down'
    const api = setup(primary, backup)
    const id = orderId()
    expect(await authorize(api, id)).toEqual({ ok: true, value: { gateway: 'backup', gatewayRef: `backup_auth_${id}` } })
    expect(primary.state.calls).toEqual(['authorize', 'authorize'])
    const ledger = await api.listAttempts(id)
    expect(ledger.map((a) => [a.gateway, a.outcome])).toEqual([
      ['primary', 'failed'],
      ['primary', 'failed'],
      ['backup', 'succeeded'],
    ])
    expect(ledger[2]).toMatchObject({ operation: 'authorize', amount: eur(1000), gateway_ref: `backup_auth_${id}` })
    expect(await api.getPayment(id)).toMatchObject({ gateway: 'backup', status: 'authorized', amount: eur(1000) })
  })

  test('once the breaker is open the primary is skipped without a call', async () => {
    const primary = fakeGateway('primary')
    const backup = fakeGateway('backup')
    primary.state.mode = 'down'
    const api = setup(primary, backup)
    await authorize(api, orderId())
    expect(api.gatewayStatus()[0]).toMatchObject({ name: 'primary', breaker: 'open', failures: 2 })
    const id = orderId()
    expect((await authorize(api, id)).ok).toBe(true)
    expect(primary.state.calls).toHaveLength(2)
    expect((await api.listAttempts(id)).map((a) => [a.gateway, a.outcome])).toEqual([
      ['primary', 'skipped'],
      ['backup', 'succeeded'],
    ])
    expect(api.gatewayStatus().map((s) => [s.name, s.priority, s.breaker, s.skipped])).toEqual([
      ['primary', 0, 'open', 1],
      ['backup', 1, 'closed', 0],
    ])
  })

  test('a decline is final: no failover', async () => {
    const primary = fakeGateway('primary')
    const backup = fakeGateway('backup')
    primary.state.mode = 'decline'
    const api = setup(primary, backup)
    const id = orderId()
    const r = await authorize(api, id)
    expect(r).toMatchObject({ ok: false, error: { code: 'PAYMENTS_DECLINED', gateway: 'primary', reason: 'card_declined' } })
    expect(backup.state.calls).toEqual([])
    expect((await api.listAttempts(id)).map((a) => a.outcome)).toEqual(['declined'])
    expect(await api.getPayment(id)).toBeNull()
  })

  test('when every gateway fails the answer is PAYMENTS_UNAVAILABLE naming them', async () => {
    const a = fakeGateway('a')
    const b = fakeGateway('b')
    a.state.mode = 'down'
    b.state.mode = 'down'
    const r = await authorize(setup(a, b), orderId())
    expect(r).toMatchObject({ ok: false, error: { code: 'PAYMENTS_UNAVAILABLE', tried: ['a', 'b'] } })
  })

  test('only gateways of the requested provider are tried; an unknown provider is an error', async () => {
    const sandbox = fakeGateway('sandbox')
    const stripe = fakeGateway('card', 'stripe')
    const api = setup(sandbox, stripe)
    expect(await authorize(api, orderId(), 500, 'stripe')).toMatchObject({ ok: true, value: { gateway: 'card' } })
    expect(sandbox.state.calls).toEqual([])
    expect(await authorize(api, orderId(), 500, 'paypal')).toMatchObject({ ok: false, error: { code: 'PAYMENTS_UNKNOWN_PROVIDER' } })
  })

  test('an idempotency conflict or a refusal stops without failover', async () => {
    const primary = fakeGateway('primary')
    const backup = fakeGateway('backup')
    const api = setup(primary, backup)
    primary.state.mode = 'conflict'
    expect(await authorize(api, orderId())).toMatchObject({ ok: false, error: { code: 'PAYMENTS_IN_PROGRESS', gateway: 'primary' } })
    primary.state.mode = 'reject'
    expect(await authorize(api, orderId())).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_GATEWAY_REJECTED', reason: 'invalid_state' },
    })
    expect(backup.state.calls).toEqual([])
  })

  test('an order authorised once is not charged again; another amount for it is refused', async () => {
    const g = fakeGateway('primary')
    const api = setup(g)
    const id = orderId()
    const first = await authorize(api, id)
    expect(await authorize(api, id)).toEqual(first)
    expect(g.state.calls).toEqual(['authorize'])
    expect(await authorize(api, id, 999)).toMatchObject({ ok: false, error: { code: 'PAYMENTS_INVALID_STATE', status: 'authorized' } })
  })

  test('when two authorisations of one order race, the first saved stands and the other is voided', async () => {
    const g = fakeGateway('primary')
    g.state.uniqueRefs = true
    g.state.delayMs = 20
    const api = setup(g)
    const id = orderId()
    const [a, b] = await Promise.all([authorize(api, id), authorize(api, id)])
    expect(a).toEqual(b)
    expect(g.state.calls.sort()).toEqual(['authorize', 'authorize', 'void'])
    expect((await api.listAttempts(id)).map((x) => `${x.operation}:${x.outcome}`)).toEqual([
      'authorize:succeeded',
      'authorize:succeeded',
      'void:succeeded',
    ])
    expect(await api.getPayment(id)).toMatchObject({ status: 'authorized', gateway_ref: a.ok ? a.value.gatewayRef : '' })
  })

  test('a new order skips the look-up, yet an authorisation saved meanwhile still stands and ours is voided', async () => {
    const g = fakeGateway('primary')
    g.state.uniqueRefs = true
    const api = setup(g)
    const id = orderId()
    const first = await authorize(api, id)
    const again = await api.authorize({
      orderId: id,
      amount: eur(1000),
      provider: 'sandbox',
      token: 'tok_ok',
      idempotencyKey: `auth_${id}`,
      newOrder: true,
    })
    expect(again).toEqual(first)
    expect(g.state.calls).toEqual(['authorize', 'authorize', 'void'])
    expect(await api.getPayment(id)).toMatchObject({ status: 'authorized', gateway_ref: first.ok ? first.value.gatewayRef : '' })
  })

  test('bad amounts are refused before any gateway is called', async () => {
    const g = fakeGateway('primary')
    const api = setup(g)
    for (const amount of [0, -5, 1.5])
      expect(await authorize(api, orderId(), amount)).toMatchObject({ ok: false, error: { code: 'PAYMENTS_INVALID_AMOUNT' } })
    const r = await api.authorize({
      orderId: orderId(),
      amount: { amount: 100, currency: 'eur' },
      provider: 'sandbox',
      token: 't',
      idempotencyKey: 'k',
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'PAYMENTS_INVALID_AMOUNT' } })
    expect(g.state.calls).toEqual([])
  })

  test('capture (partial), repeat, and what cannot follow it', async () => {
    const g = fakeGateway('primary')
    const api = setup(g)
    const id = orderId()
    await authorize(api, id)
    expect(await api.capture({ orderId: id, amount: eur(1200) })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_AMOUNT_EXCEEDED', available: 1000 },
    })
    expect(await api.capture({ orderId: id, amount: { amount: 500, currency: 'USD' } })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_INVALID_AMOUNT' },
    })
    expect(await api.capture({ orderId: id, amount: eur(800) })).toEqual({ ok: true, value: { captured: eur(800) } })
    expect(await api.capture({ orderId: id, amount: eur(800) })).toEqual({ ok: true, value: { captured: eur(800) } })
    expect(await api.capture({ orderId: id, amount: eur(700) })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_INVALID_STATE', status: 'captured' },
    })
    expect(await api.void({ orderId: id })).toMatchObject({ ok: false, error: { code: 'PAYMENTS_INVALID_STATE' } })
    expect(g.state.calls).toEqual(['authorize', 'capture'])
    expect(await api.getPayment(id)).toMatchObject({ status: 'captured', captured: eur(800), refunded: eur(0) })
    expect(await api.capture({ orderId: 'ord_none' })).toMatchObject({ ok: false, error: { code: 'PAYMENTS_NOT_FOUND' } })
  })

  test('void releases an uncaptured authorisation, once', async () => {
    const g = fakeGateway('primary')
    const api = setup(g)
    const id = orderId()
    await authorize(api, id)
    expect(await api.void({ orderId: id })).toEqual({ ok: true, value: null })
    expect(await api.void({ orderId: id })).toEqual({ ok: true, value: null })
    expect(g.state.calls).toEqual(['authorize', 'void'])
    expect(await api.capture({ orderId: id })).toMatchObject({ ok: false, error: { code: 'PAYMENTS_INVALID_STATE', status: 'voided' } })
    expect(await authorize(api, id)).toMatchObject({ ok: false, error: { code: 'PAYMENTS_INVALID_STATE', status: 'voided' } })
  })

  test('concurrent refunds never exceed what was captured', async () => {
    const g = fakeGateway('primary')
    const api = setup(g)
    const id = orderId()
    await authorize(api, id)
    await api.capture({ orderId: id })
    g.state.delayMs = 20
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => api.refund({ orderId: id, amount: eur(300), idempotencyKey: `r${n}` })))
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['PAYMENTS_AMOUNT_EXCEEDED', 'PAYMENTS_AMOUNT_EXCEEDED'])
    expect(await api.getPayment(id)).toMatchObject({ status: 'partially_refunded', refunded: eur(900) })
    expect(await api.refund({ orderId: id, amount: eur(100), idempotencyKey: 'last' })).toMatchObject({ ok: true })
    expect(await api.getPayment(id)).toMatchObject({ status: 'refunded', refunded: eur(1000) })
    expect(await api.refund({ orderId: id, amount: eur(1), idempotencyKey: 'more' })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_INVALID_STATE' },
    })
  })

  test('the same refund key refunds once, also when the duplicates race', async () => {
    const g = fakeGateway('primary')
    const api = setup(g)
    const id = orderId()
    await authorize(api, id)
    await api.capture({ orderId: id })
    g.state.delayMs = 20
    const [a, b] = await Promise.all([1, 2].map(() => api.refund({ orderId: id, amount: eur(400), idempotencyKey: 'same' })))
    expect(a?.ok && b?.ok).toBe(true)
    expect(await api.refund({ orderId: id, amount: eur(400), idempotencyKey: 'same' })).toEqual({ ok: true, value: { refunded: eur(400) } })
    expect(g.state.refundKeys.size).toBe(1)
    expect(await api.getPayment(id)).toMatchObject({ status: 'partially_refunded', refunded: eur(400) })
  })

  test('a refund the gateway could not make gives its amount back', async () => {
    const g = fakeGateway('primary')
    const api = setup(g)
    const id = orderId()
    await authorize(api, id)
    await api.capture({ orderId: id })
    g.state.mode = 'down'
    expect(await api.refund({ orderId: id, amount: eur(1000), idempotencyKey: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_UNAVAILABLE' },
    })
    expect(await api.getPayment(id)).toMatchObject({ status: 'captured', refunded: eur(0) })
    expect((await api.listAttempts(id)).filter((a) => a.operation === 'refund').map((a) => a.outcome)).toEqual(['failed', 'failed'])
  })

  test('verifyWebhook goes to the named gateway only', async () => {
    const api = setup(fakeGateway('primary'))
    expect(await api.verifyWebhook({ gateway: 'primary', rawBody: '{}', headers: {} })).toEqual({ verified: 'primary' })
    expect(await api.verifyWebhook({ gateway: 'nope', rawBody: '{}', headers: {} })).toBeNull()
  })
})
