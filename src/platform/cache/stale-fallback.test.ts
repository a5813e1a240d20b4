import { expect, test } from 'vitest'
import { localTagVersions } from './tag-versions.ts'
import { createResponseCache } from './response-cache.ts'
import { withStaleFallback } from './stale-fallback.ts'

const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })

test('serves the last good body while the database is down, and fails when there is none', async () => {
  const inner = createResponseCache({ versions: localTagVersions(), prefix: 't:', maxEntries: 100, ttlSeconds: 300 })
  let available = true
  const reported: unknown[] = []
  const cache = withStaleFallback(inner, {
    available: () => available,
    report: (e) => {
      if (e !== down) return false
      reported.push(e)
      return true
    },
    maxEntries: 100,
    maxStaleSeconds: 3600,
    unavailable: () => new Error('database unavailable'),
  })
  expect((await cache.get('home', ['catalog'], async () => 'v1')).body).toBe('v1')
  await cache.invalidate(['catalog']) // the next read must compute, and the database fails
  expect((await cache.get('home', ['catalog'], async () => Promise.reject(down))).body).toBe('v1')
  expect(reported).toEqual([down])
  await expect(cache.get('other', ['catalog'], async () => Promise.reject(down))).rejects.toBe(down)
  await expect(cache.get('home', ['catalog'], async () => Promise.reject(new Error('bug')))).rejects.toThrow('bug')
  available = false // breaker open: no compute at all
  let computed = 0
  expect((await cache.get('home', ['catalog'], async () => `v${++computed}`)).body).toBe('v1')
  expect(computed).toBe(0)
  await expect(cache.get('other', [], async () => 'x')).rejects.toThrow('database unavailable')
  expect(cache.staleServed()).toBe(2)
  available = true
  expect((await cache.get('home', ['catalog'], async () => 'v2')).body).toBe('v2')
})
