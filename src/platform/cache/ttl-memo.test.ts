import { expect, test } from 'vitest'
import { createTtlMemo } from './ttl-memo.ts'

test('shares a lookup, keeps it for the TTL, forgets failures and clears on demand', async () => {
  let now = 0
  let loads = 0
  let fail = false
  const cache = createTtlMemo({
    now: () => now,
    ttlMs: 1000,
    load: async (key) => {
      loads++
      if (fail) throw new Error('db down')
      return `${key}:${loads}`
    },
  })
  expect(await Promise.all([cache.get('NO/'), cache.get('NO/')])).toEqual(['NO/:1', 'NO/:1'])
  now = 999
  expect(await cache.get('NO/')).toBe('NO/:1')
  now = 1000
  expect(await cache.get('NO/')).toBe('NO/:2')
  cache.clear()
  fail = true
  await expect(cache.get('NO/')).rejects.toThrow('db down')
  fail = false
  expect(await cache.get('NO/')).toBe('NO/:4')
})

test('holds at most `max` entries, dropping the oldest', async () => {
  let loads = 0
  const cache = createTtlMemo({ now: () => 0, ttlMs: 1000, max: 2, load: async (key) => `${key}:${++loads}` })
  await cache.get('a')
  await cache.get('b')
  await cache.get('c')
  expect(cache.size()).toBe(2)
  expect(await cache.get('c')).toBe('c:3')
  expect(await cache.get('a')).toBe('a:4') // was dropped, loaded again
})

test('a lazy query (a thenable that runs each time it is awaited) runs once for every caller within the TTL', async () => {
  let runs = 0
  // as a drizzle query builder: nothing runs until then() is called, and each then() runs it again
  // biome-ignore lint/suspicious/noThenProperty: the point of the test is a thenable that is not a promise
  const lazyQuery: PromiseLike<string[]> = { then: (ok, fail) => Promise.resolve([`run ${++runs}`]).then(ok, fail) }
  const cache = createTtlMemo({ now: () => 0, ttlMs: 1000, load: () => lazyQuery })
  expect(await cache.get('automatic')).toEqual(['run 1'])
  expect(await Promise.all([cache.get('automatic'), cache.get('automatic')])).toEqual([['run 1'], ['run 1']])
  expect(runs).toBe(1)
})
