import { expect, test } from 'vitest'
import { pooledRandomBytes } from './random-pool.ts'

test('hands out distinct bytes across pool refills, each a copy of its own; refuses sizes outside 1..256', () => {
  const seen = new Set<string>()
  for (let i = 0; i < 2000; i++) seen.add(pooledRandomBytes(12).toString('hex')) // 24 KB: several refills
  expect(seen.size).toBe(2000)
  const a = pooledRandomBytes(16)
  const copy = Buffer.from(a)
  for (let i = 0; i < 600; i++) pooledRandomBytes(256) // the pool is refilled under it
  expect(a.equals(copy)).toBe(true)
  expect(() => pooledRandomBytes(0)).toThrow(RangeError)
  expect(() => pooledRandomBytes(257)).toThrow(RangeError)
})
