import { describe, expect, test } from 'vitest'
import { batchedReads } from './batched-reads.ts'

describe('batched reads', () => {
  test('reads asked in one turn go out as one call with each key once, and each caller gets its own keys', async () => {
    const calls: string[][] = []
    const read = batchedReads(async (keys) => {
      calls.push([...keys])
      return keys.map((k) => `v:${k}`)
    })
    const answers = await Promise.all([read(['a']), read(['b', 'a']), read(['c'])])
    expect(calls).toEqual([['a', 'b', 'c']])
    expect(answers).toEqual([['v:a'], ['v:b', 'v:a'], ['v:c']])
  })

  test('a read asked after a call went out waits for a call of its own (never an older answer)', async () => {
    let version = 1
    const calls: string[][] = []
    const read = batchedReads(async (keys) => {
      calls.push([...keys])
      const seen = version
      await new Promise((r) => setTimeout(r, 20))
      return keys.map(() => seen)
    })
    const first = read(['t'])
    await new Promise((r) => setImmediate(r)) // the first call is on its way
    version = 2 // a writer bumps the version and answers
    const second = read(['t'])
    expect(await first).toEqual([1])
    expect(await second).toEqual([2])
    expect(calls).toHaveLength(2)
  })

  test('a failed call fails every caller in its batch, and the next batch tries again', async () => {
    let fail = true
    const read = batchedReads(async (keys) => {
      if (fail) throw new Error('redis down')
      return keys.map(() => 0)
    })
    const results = await Promise.allSettled([read(['a']), read(['b'])])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    fail = false
    expect(await read(['a'])).toEqual([0])
  })
})
