import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/ids/new-id.ts'
import { createPayments, createStripeGateway, type PaymentGateway, signatureHeader } from '../../src/modules/payments/index.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { type FakeStripe, startFakeStripe } from './fake-stripe-server.ts'

const eur = (amount: number) => ({ amount, currency: 'EUR' })
const WEBHOOK_SECRET = 'whsec_test_crest'
const NOW = new Date('2026-03-01T12:00:00Z')
const nowSeconds = Math.floor(NOW.getTime() / 1000)

describe('Stripe adapter against a local fake Stripe', () => {
  let fake: FakeStripe
  let stripe: PaymentGateway
  let seq = 0
  const key = () => `key_${++seq}`

  beforeAll(async () => {
    fake = await startFakeStripe()
    stripe = createStripeGateway({
      name: 'card',
      secretKey: 'sk_test_crest',
      apiBase: fake.url,
      timeoutMs: 3000,
      webhookSecret: WEBHOOK_SECRET,
      now: () => NOW,
    })
  })
  afterAll(() => fake?.close())

  const authorize = (token: string, idempotencyKey = key(), amount = 2500) =>
    stripe.authorize({ amount: eur(amount), token, idempotencyKey, reference: 'ord_1' })

  test('authorise = a confirmed PaymentIntent with manual capture, sent as Stripe expects', async () => {
    const idempotencyKey = key()
    const r = await authorize('pm_card_visa', idempotencyKey)
    expect(r.outcome).toBe('authorized')
    const sent = fake.requests.at(-1)
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/payment_intents', contentType: 'application/x-www-form-urlencoded' })
    expect(sent?.headers.authorization).toBe('Bearer sk_test_crest')
    expect(sent?.headers['idempotency-key']).toBe(idempotencyKey)
    expect(sent?.form).toMatchObject({
      amount: '2500',
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: 'true',
      capture_method: 'manual',
      'automatic_payment_methods[allow_redirects]': 'never',
      'metadata[crest_reference]': 'ord_1',
    })
    if (r.outcome !== 'authorized') return
    expect(fake.book.intents.get(r.gatewayRef)?.status).toBe('requires_capture')
  })

  test('the same idempotency key replays: one PaymentIntent', async () => {
    const before = fake.book.intents.size
    const idempotencyKey = key()
    const a = await authorize('pm_card_visa', idempotencyKey)
    const b = await authorize('pm_card_visa', idempotencyKey)
    expect(b).toEqual(a)
    expect(fake.book.intents.size).toBe(before + 1)
  })

  test('a card decline and an unknown payment method are declines', async () => {
    expect(await authorize('pm_card_chargeDeclined')).toEqual({ outcome: 'declined', reason: 'generic_decline' })
    expect(await authorize('pm_card_chargeDeclinedInsufficientFunds')).toEqual({ outcome: 'declined', reason: 'insufficient_funds' })
    expect(await authorize('pm_nope')).toEqual({ outcome: 'declined', reason: 'invalid_token' })
    expect(await authorize('pm_card_authenticationRequired')).toEqual({ outcome: 'declined', reason: 'requires_action' })
  })

  test('5xx is an outage, 409 a conflict, a bad request a refusal', async () => {
    fake.failNext(1, 500)
    await expect(authorize('pm_card_visa')).rejects.toMatchObject({ name: 'GatewayError', kind: 'unavailable' })
    fake.failNext(1, 409)
    await expect(authorize('pm_card_visa')).rejects.toMatchObject({ kind: 'conflict' })
    await expect(authorize('pm_card_visa', key(), 10)).rejects.toMatchObject({ kind: 'rejected', reason: 'amount_too_small' })
    const reused = key()
    await authorize('pm_card_visa', reused, 1000)
    await expect(authorize('pm_card_visa', reused, 2000)).rejects.toMatchObject({ kind: 'rejected' })
  })

  test('a wrong key or an unreachable Stripe is an outage', async () => {
    const badKey = createStripeGateway({ name: 'x', secretKey: 'rk_bad', apiBase: fake.url, timeoutMs: 1000, now: () => NOW })
    await expect(
      badKey.authorize({ amount: eur(1000), token: 'pm_card_visa', idempotencyKey: key(), reference: 'r' }),
    ).rejects.toMatchObject({ kind: 'unavailable' })
    const down = createStripeGateway({ name: 'y', secretKey: 'sk_test_x', apiBase: 'http://127.0.0.1:1', timeoutMs: 1000, now: () => NOW })
    await expect(down.authorize({ amount: eur(1000), token: 'pm_card_visa', idempotencyKey: key(), reference: 'r' })).rejects.toMatchObject(
      { kind: 'unavailable' },
    )
  })

  test('partial capture, refunds up to what was captured, and cancel', async () => {
    const r = await authorize('pm_card_visa', key(), 5000)
    if (r.outcome !== 'authorized') throw new Error('not authorised')
    await stripe.capture({ gatewayRef: r.gatewayRef, amount: eur(4000), idempotencyKey: key() })
    expect(fake.requests.at(-1)).toMatchObject({ path: `/v1/payment_intents/${r.gatewayRef}/capture`, form: { amount_to_capture: '4000' } })
    expect(fake.book.intents.get(r.gatewayRef)).toMatchObject({ status: 'succeeded', amount_received: 4000 })
    await stripe.refund({ gatewayRef: r.gatewayRef, amount: eur(1500), idempotencyKey: key() })
    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/refunds', form: { payment_intent: r.gatewayRef, amount: '1500' } })
    await expect(stripe.refund({ gatewayRef: r.gatewayRef, amount: eur(3000), idempotencyKey: key() })).rejects.toMatchObject({
      kind: 'rejected',
    })
    await stripe.refund({ gatewayRef: r.gatewayRef, amount: eur(2500), idempotencyKey: key() })
    await expect(stripe.void({ gatewayRef: r.gatewayRef, idempotencyKey: key() })).rejects.toMatchObject({
      kind: 'rejected',
      reason: 'payment_intent_unexpected_state',
    })

    const other = await authorize('pm_card_visa')
    if (other.outcome !== 'authorized') throw new Error('not authorised')
    await stripe.void({ gatewayRef: other.gatewayRef, idempotencyKey: key() })
    expect(fake.requests.at(-1)?.path).toBe(`/v1/payment_intents/${other.gatewayRef}/cancel`)
    expect(fake.book.intents.get(other.gatewayRef)?.status).toBe('canceled')
  })

  test('every POST carried an Idempotency-Key and a Stripe-Version', () => {
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.headers.authorization === 'Bearer sk_test_crest')
    expect(posts.length).toBeGreaterThan(10)
    for (const p of posts) {
      expect(p.headers['idempotency-key']).toBeTruthy()
      expect(p.headers['stripe-version']).toBeTruthy()
    }
  })

  describe('webhook signature (Stripe-Signature: t=…,v1=…)', () => {
    const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.amount_capturable_updated' })
    const verify = (header: string, rawBody = body) => stripe.verifyWebhook({ rawBody, headers: { 'stripe-signature': header } })

    test("a valid signature (made by Stripe's SDK) gives the event", async () => {
      const header = new Stripe('sk_test_x').webhooks.generateTestHeaderString({
        payload: body,
        secret: WEBHOOK_SECRET,
        timestamp: nowSeconds,
      })
      expect(await verify(header)).toEqual(JSON.parse(body))
      expect(await stripe.verifyWebhook({ rawBody: body, headers: { 'Stripe-Signature': header } })).not.toBeNull()
    })

    test('a tampered body or a signature with another secret is refused', async () => {
      const header = signatureHeader(WEBHOOK_SECRET, body, nowSeconds)
      expect(await verify(header, body.replace('evt_1', 'evt_2'))).toBeNull()
      expect(await verify(signatureHeader('whsec_other', body, nowSeconds))).toBeNull()
      expect(await stripe.verifyWebhook({ rawBody: body, headers: {} })).toBeNull()
    })

    test('a stale timestamp (over 5 minutes) is refused', async () => {
      expect(await verify(signatureHeader(WEBHOOK_SECRET, body, nowSeconds - 301))).toBeNull()
      expect(await verify(signatureHeader(WEBHOOK_SECRET, body, nowSeconds - 299))).not.toBeNull()
    })
  })
})

describe.each(engineKinds())('payments through a configured stripe gateway on %s', (engine) => {
  let fake: FakeStripe
  let db: Database

  beforeAll(async () => {
    fake = await startFakeStripe()
    db = await createTestDatabase(engine)
  })
  afterAll(async () => {
    await fake?.close()
    await db?.close()
  })

  test('authorise, capture and refund go from PAYMENT_GATEWAYS through the SDK to Stripe', async () => {
    const payments = createPayments(
      { db, clock: { now: () => new Date() }, newId },
      {
        gateways: [{ name: 'card', kind: 'stripe', url: null }],
        stripe: { secretKey: 'sk_test_crest', apiBase: fake.url },
        timeoutMs: 3000,
        retries: 1,
        breakerFailures: 3,
        breakerHalfOpenMs: 1000,
      },
    )
    const orderId = `ord_${engine}_stripe`
    const auth = await payments.authorize({
      orderId,
      amount: eur(3000),
      provider: 'stripe',
      token: 'pm_card_visa',
      idempotencyKey: `auth_${orderId}`,
    })
    expect(auth).toMatchObject({ ok: true, value: { gateway: 'card' } })
    expect(await payments.capture({ orderId })).toEqual({ ok: true, value: { captured: eur(3000) } })
    expect(await payments.refund({ orderId, amount: eur(1000), idempotencyKey: 'ret_1' })).toMatchObject({ ok: true })
    expect(await payments.refund({ orderId, amount: eur(2500), idempotencyKey: 'ret_2' })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENTS_AMOUNT_EXCEEDED', available: 2000 },
    })
    expect(await payments.getPayment(orderId)).toMatchObject({ status: 'partially_refunded', captured: eur(3000), refunded: eur(1000) })
    expect(fake.book.refunds.map((r) => r.amount)).toEqual([1000])
    const declined = await payments.authorize({
      orderId: `${orderId}_2`,
      amount: eur(3000),
      provider: 'stripe',
      token: 'pm_card_chargeDeclined',
      idempotencyKey: 'k2',
    })
    expect(declined).toMatchObject({ ok: false, error: { code: 'PAYMENTS_DECLINED', reason: 'generic_decline' } })
  })
})
