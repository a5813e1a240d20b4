import { expect, test } from 'vitest'
import { loadConfig } from '../../platform/config/load-config.ts'
import { processingOptionsFromConfig, sandboxCarrierToRun } from './processing-options.ts'

test('the defaults: the sandbox carrier on 4020, capture on fulfilment, sent from the default country, no risk rules', () => {
  const r = processingOptionsFromConfig(loadConfig({}))
  expect(r.ok && r.value).toMatchObject({
    carriers: [{ name: 'sandbox', kind: 'sandbox', url: 'http://127.0.0.1:4020' }],
    webhookSecret: 'whsec_crest_sandbox_carrier',
    shipFrom: { country: 'NO', name: 'Crest Demo Store' },
    capturePolicy: 'on_fulfillment',
    pollIntervalMs: 60_000,
    risk: { holdAbove: 0, allowedCountries: [], maxOrdersPerEmailHour: 0 },
    taxIncluded: true,
  })
})

test('an entry without a URL is the sandbox on SANDBOX_CARRIER_PORT; a bad CARRIERS names itself', () => {
  const r = processingOptionsFromConfig(loadConfig({ CARRIERS: 'local=sandbox', SANDBOX_CARRIER_PORT: '4999', SHIP_FROM_COUNTRY: 'se' }))
  expect(r.ok && r.value.carriers).toEqual([{ name: 'local', kind: 'sandbox', url: 'http://127.0.0.1:4999' }])
  expect(r.ok && r.value.shipFrom.country).toBe('SE')
  const bad = processingOptionsFromConfig(loadConfig({ CARRIERS: 'x=fedex' }))
  expect(!bad.ok && bad.error.message).toMatch(/^CARRIERS: .*unknown kind "fedex"/)
})

test('crest start runs the sandbox carrier only when CARRIERS points at it on this machine', () => {
  expect(sandboxCarrierToRun(loadConfig({}))).toEqual({ name: 'sandbox', port: 4020 })
  expect(sandboxCarrierToRun(loadConfig({ CARRIERS: 'demo=sandbox@http://localhost:4021', SANDBOX_CARRIER_PORT: '4021' }))).toEqual({
    name: 'demo',
    port: 4021,
  })
  expect(sandboxCarrierToRun(loadConfig({ CARRIERS: 'demo=sandbox' }))).toEqual({ name: 'demo', port: 4020 })
  expect(sandboxCarrierToRun(loadConfig({ CARRIERS: 'remote=sandbox@http://carrier.internal:4020' }))).toBeNull()
  expect(sandboxCarrierToRun(loadConfig({ SANDBOX_CARRIER_PORT: '0' }))).toBeNull()
})
