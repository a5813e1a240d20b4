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
