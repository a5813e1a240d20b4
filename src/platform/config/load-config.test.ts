import { expect, test } from 'vitest'
import { ConfigError, loadConfig } from './load-config.ts'

test('defaults give the embedded store on port 3000', () => {
  const c = loadConfig({})
  expect(c.PORT).toBe(3000)
  expect(c.DATA_DIR).toBe('./data')
  expect(c.DATABASE_URL).toBeUndefined()
})

test('an invalid setting stops the start with a message naming it', () => {
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError)
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/)
})

test('empty URLs count as unset', () => {
  expect(loadConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined()
})

test('the event bus is embedded by default, with sensible retry settings', () => {
  const c = loadConfig({})
  expect(c.NATS_URL).toBeUndefined()
  expect(c.BUS_MAX_ATTEMPTS).toBe(8)
  expect(c.BUS_RETRY_BASE_MS).toBeLessThan(c.BUS_RETRY_MAX_MS)
  expect(c.NATS_STREAM).toBe('CREST_EVENTS')
  expect(loadConfig({ NATS_URL: 'nats://127.0.0.1:4222' }).NATS_URL).toBe('nats://127.0.0.1:4222')
})

test('bad event bus settings stop the start, naming them', () => {
  expect(() => loadConfig({ NATS_URL: 'http://x' })).toThrow(/NATS_URL/)
  expect(() => loadConfig({ BUS_MAX_ATTEMPTS: '0' })).toThrow(/BUS_MAX_ATTEMPTS/)
  expect(() => loadConfig({ BUS_RETRY_BASE_MS: '5000', BUS_RETRY_MAX_MS: '1000' })).toThrow(/BUS_RETRY_MAX_MS/)
  expect(() => loadConfig({ NATS_STREAM: 'has.dots' })).toThrow(/NATS_STREAM/)
  expect(() => loadConfig({ NATS_SUBJECT_PREFIX: 'crest.>' })).toThrow(/NATS_SUBJECT_PREFIX/)
  expect(() => loadConfig({ WORKER_PORT: '70000' })).toThrow(/WORKER_PORT/)
})

test('mail settings: the file sink by default, SMTP and its rules checked at boot', () => {
  const c = loadConfig({})
  expect(c.SMTP_URL).toBeUndefined()
  expect(c.MAIL_FROM).toBe('no-reply@crest.localhost')
  expect(c.MAIL_POLL_INTERVAL_MS).toBe(2000)
  expect(loadConfig({ SMTP_URL: '' }).SMTP_URL).toBeUndefined()
  expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example:465' }).SMTP_URL).toBe('smtps://u:p@mail.example:465')
  expect(loadConfig({ MAIL_FROM: 'Shop <shop@example.com>' }).MAIL_FROM).toBe('Shop <shop@example.com>')
  expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/)
  expect(() => loadConfig({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/)
  expect(() => loadConfig({ MAIL_LOCALE: 'no such locale!' })).toThrow(/MAIL_LOCALE/)
  expect(() => loadConfig({ MAIL_RETRY_BASE_MS: '5000', MAIL_RETRY_MAX_MS: '1000' })).toThrow(/MAIL_RETRY_MAX_MS/)
  expect(() => loadConfig({ SMTP_TIMEOUT_MS: '60000', MAIL_LEASE_MS: '120000' })).toThrow(/MAIL_LEASE_MS/)
})

test('order processing: the sandbox carrier, capture on fulfilment and no risk rules by default', () => {
  const c = loadConfig({})
  expect(c.CARRIERS).toBe('sandbox=sandbox@http://127.0.0.1:4020')
  expect(c.SANDBOX_CARRIER_PORT).toBe(4020)
  expect(c.CAPTURE_POLICY).toBe('on_fulfillment')
  expect(c.RISK_HOLD_ABOVE).toBe(0)
  expect(c.RISK_ALLOWED_COUNTRIES).toEqual([])
  expect(c.RISK_MAX_ORDERS_PER_EMAIL_HOUR).toBe(0)
  expect(loadConfig({ RISK_ALLOWED_COUNTRIES: 'no, se,DK' }).RISK_ALLOWED_COUNTRIES).toEqual(['NO', 'SE', 'DK'])
  expect(() => loadConfig({ CAPTURE_POLICY: 'later' })).toThrow(/CAPTURE_POLICY/)
  expect(() => loadConfig({ RISK_ALLOWED_COUNTRIES: 'Norway' })).toThrow(/RISK_ALLOWED_COUNTRIES/)
  expect(() => loadConfig({ SHIP_FROM_COUNTRY: 'NOR' })).toThrow(/SHIP_FROM_COUNTRY/)
  expect(() => loadConfig({ RISK_HOLD_ABOVE: '-1' })).toThrow(/RISK_HOLD_ABOVE/)
})
