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
