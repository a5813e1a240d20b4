import { expect, test } from 'vitest'
import { checkBehaviour, createBehaviour, seededRandom } from './behaviour.ts'

const rolls = (b: ReturnType<typeof createBehaviour>, n: number) => Array.from({ length: n }, () => b.failsNow())

test('the same seed gives the same failure pattern; a new seed restarts it', () => {
  const a = createBehaviour({ failureRate: 0.5, seed: 42 })
  const b = createBehaviour({ failureRate: 0.5, seed: 42 })
  const pattern = rolls(a, 20)
  expect(rolls(b, 20)).toEqual(pattern)
  expect(pattern.filter(Boolean).length).toBeGreaterThan(3)
  expect(pattern.filter(Boolean).length).toBeLessThan(17)
  a.update({ seed: 42 })
  expect(rolls(a, 20)).toEqual(pattern)
})

test('failNext fails exactly the next N calls, then the failure rate rules again', () => {
  const b = createBehaviour({ failureRate: 0 })
  b.update({ failNext: 2 })
  expect(rolls(b, 4)).toEqual([true, true, false, false])
  expect(b.current().failNext).toBe(0)
})

test('dropNextReplies drops exactly N replies', () => {
  const b = createBehaviour({ dropNextReplies: 1 })
  expect([b.dropsReply(), b.dropsReply()]).toEqual([true, false])
})

test('a partial timings patch is merged; null makes the walk manual', () => {
  const b = createBehaviour({})
  b.update({ timings: { inTransitMs: 7 } })
  expect(b.current().timings).toEqual({ labelCreatedMs: 5000, inTransitMs: 7, outForDeliveryMs: 5000 })
  b.update({ timings: null })
  expect(b.current().timings).toBeNull()
  b.update({ timings: { labelCreatedMs: 1 } })
  expect(b.current().timings).toEqual({ labelCreatedMs: 1, inTransitMs: 10_000, outForDeliveryMs: 5000 })
})

test('invalid settings are named, and refused at start', () => {
  expect(checkBehaviour({ failureRate: 2 })).toContain('failureRate')
  expect(checkBehaviour({ latencyMs: -1 })).toContain('latencyMs')
  expect(checkBehaviour({ timings: { fastMs: 1 } })).toContain('timings.fastMs')
  expect(checkBehaviour({ webhookUrl: 'ftp://x' })).toContain('webhookUrl')
  expect(checkBehaviour({ colour: 'red' })).toContain('colour is not a setting')
  expect(checkBehaviour({ failNext: 3, seed: null, webhookUrl: 'http://127.0.0.1:9/hook' })).toBeNull()
  expect(() => createBehaviour({ failureRate: 1.5 })).toThrow(RangeError)
})

test('seededRandom stays in [0, 1)', () => {
  const r = seededRandom(7)
  for (let i = 0; i < 1000; i++) {
    const x = r()
    expect(x >= 0 && x < 1).toBe(true)
  }
})
