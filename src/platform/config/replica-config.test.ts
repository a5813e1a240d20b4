import { expect, test } from 'vitest'
import { ConfigError, loadConfig } from './load-config.ts'

const primary = 'postgres://crest@db-primary:5432/crest'

test('replica URLs are a comma-separated list; none by default', () => {
  expect(loadConfig({}).DATABASE_REPLICA_URLS).toEqual([])
  const c = loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: ' postgres://r1:5432/crest, postgresql://u:p@r2/crest ,' })
  expect(c.DATABASE_REPLICA_URLS).toEqual(['postgres://r1:5432/crest', 'postgresql://u:p@r2/crest'])
  expect(c.DATABASE_REPLICA_MAX_LAG_SECONDS).toBe(5)
  expect(c.DATABASE_REPLICA_CHECK_INTERVAL_MS).toBe(1000)
  expect(c.DATABASE_READ_AFTER_WRITE_SECONDS).toBe(300)
})

test('a bad replica setting stops the start, naming it', () => {
  expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'mysql://r1/crest' })).toThrow(/DATABASE_REPLICA_URLS: must be/)
  expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://r1/crest' })).toThrow(/DATABASE_REPLICA_URLS: needs DATABASE_URL/)
  expect(() => loadConfig({ DATABASE_REPLICA_MAX_LAG_SECONDS: '0' })).toThrow(ConfigError)
  expect(() => loadConfig({ DATABASE_REPLICA_CHECK_INTERVAL_MS: 'often' })).toThrow(/DATABASE_REPLICA_CHECK_INTERVAL_MS/)
})
