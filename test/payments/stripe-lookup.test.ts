import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createStripeGateway, type PaymentGateway } from '../../src/modules/payments/index.ts'
import { type FakeStripe, startFakeStripe } from './fake-stripe-server.ts'

const eur = (amount: number) => ({ amount, currency: 'EUR' })

/** The Stripe adapter's side-effect-free lookup by idempotency key (decision 0018), over the SDK. */
describe('Stripe adapter lookup by idempotency key', () => {
  let fake: FakeStripe
  let stripe: PaymentGateway

  beforeAll(async () => {
    fake = await startFakeStripe()
    stripe = createStripeGateway({ name: 'card', secretKey: 'sk_test_crest', apiBase: fake.url, timeoutMs: 3000, now: () => new Date() })
  })
  afterAll(() => fake?.close())

  test('finds the intent an authorise created, follows it to voided, and creates nothing itself', async () => {
    const a = await stripe.authorize({ amount: eur(1200), token: 'pm_card_visa', idempotencyKey: 'auth_ord_lk1', reference: 'ord_lk1' })
    expect(a.outcome).toBe('authorized')
    if (a.outcome !== 'authorized') return
    expect(fake.requests.at(-1)?.form).toMatchObject({ 'metadata[crest_idempotency_key]': 'auth_ord_lk1' })
    const before = fake.book.intents.size
    expect(await stripe.lookup({ idempotencyKey: 'auth_ord_lk1', reference: 'ord_lk1' })).toEqual({
      state: 'authorized',
      gatewayRef: a.gatewayRef,
    })
    const sent = fake.requests.at(-1)
    expect(sent).toMatchObject({ method: 'GET', path: '/v1/payment_intents/search' })
    await stripe.void({ gatewayRef: a.gatewayRef, idempotencyKey: 'void_lk1' })
    expect(await stripe.lookup({ idempotencyKey: 'auth_ord_lk1', reference: 'ord_lk1' })).toEqual({
      state: 'voided',
      gatewayRef: a.gatewayRef,
    })
    expect(fake.book.intents.size).toBe(before)
  })

  test('a key never used is not_found; a 500 on lookup is an outage', async () => {
    expect(await stripe.lookup({ idempotencyKey: 'auth_ord_never', reference: 'ord_never' })).toEqual({ state: 'not_found' })
    fake.failNext(1, 500)
    await expect(stripe.lookup({ idempotencyKey: 'auth_ord_never', reference: 'ord_never' })).rejects.toMatchObject({
      name: 'GatewayError',
      kind: 'unavailable',
    })
  })

  test('a 500 on authorise is ambiguous (sent)', async () => {
    fake.failNext(1, 500)
    await expect(
      stripe.authorize({ amount: eur(100), token: 'pm_card_visa', idempotencyKey: 'auth_ord_lk2', reference: 'ord_lk2' }),
    ).rejects.toMatchObject({ kind: 'unavailable', sent: true })
  })
})
