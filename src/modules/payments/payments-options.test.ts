import { expect, test } from 'vitest'
import { loadConfig } from '../../platform/config/load-config.ts'
import { paymentsOptionsFromConfig } from './payments-options.ts'

test('the default configuration gives one sandbox gateway and the documented policies', () => {
  const r = paymentsOptionsFromConfig(loadConfig({}))
  expect(r.ok).toBe(true)
  if (!r.ok) return
  expect(r.value.gateways).toEqual([{ name: 'sandbox', kind: 'sandbox', url: 'http://127.0.0.1:4010' }])
  expect(r.value).toMatchObject({ timeoutMs: 5000, retries: 2, breakerFailures: 5, breakerHalfOpenMs: 10_000 })
})

test('a stripe gateway without STRIPE_SECRET_KEY stops the boot, naming both settings', () => {
  const r = paymentsOptionsFromConfig(loadConfig({ PAYMENT_GATEWAYS: 'sandbox=sandbox,card=stripe' }))
  expect(r.ok).toBe(false)
  if (r.ok) return
  expect(r.error.message).toContain('PAYMENT_GATEWAYS')
  expect(r.error.message).toContain('STRIPE_SECRET_KEY')
})

test('stripe settings flow into the options', () => {
  const r = paymentsOptionsFromConfig(
    loadConfig({
      PAYMENT_GATEWAYS: 'card=stripe',
      STRIPE_SECRET_KEY: 'sk_test_1',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
    }),
  )
  expect(r.ok && r.value.stripe).toEqual({ secretKey: 'sk_test_1', apiBase: 'http://127.0.0.1:12111', webhookSecret: 'whsec_1' })
})
