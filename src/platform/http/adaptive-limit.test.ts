import { describe, expect, test } from 'vitest'
import { adaptiveLimit } from './adaptive-limit.ts'

const options = { targetMs: 500, min: 4, max: 100, initial: 32, windowMs: 200 }

describe('adaptive concurrency limit', () => {
  test('slow answers in a window shrink the limit, down to the minimum', () => {
    const l = adaptiveLimit(options, 0)
    let t = 0
    for (let w = 0; w < 20; w++) {
      t += 200
      l.record(900, t)
    }
    expect(l.current()).toBe(4)
  })

  test('one slow answer in a hundred fast ones is the p99 at the target: the limit holds', () => {
    const l = adaptiveLimit(options, 0)
    for (let i = 0; i < 100; i++) l.record(i === 50 ? 900 : 20, i * 2)
    l.record(20, 200)
    expect(l.current()).toBe(32)
  })

  test('answers past half the target already shrink it: those in flight end after the decision', () => {
    const l = adaptiveLimit(options, 0)
    for (let i = 0; i < 10; i++) l.record(300, i * 20)
    l.record(300, 200)
    expect(l.current()).toBe(22) // 32 × 0.7, although no answer reached the 500 ms target
  })

  test('fast answers grow the limit only when requests were turned away, never past the ceiling', () => {
    const l = adaptiveLimit(options, 0)
    l.record(20, 200)
    expect(l.current()).toBe(32) // fast, but nobody was turned away: no reason to grow
    let t = 200
    for (let w = 0; w < 50; w++) {
      l.saturated()
      t += 200
      l.record(20, t)
    }
    expect(l.current()).toBe(100)
  })

  test('after a spike it grows back as demand returns', () => {
    const l = adaptiveLimit(options, 0)
    let t = 0
    for (let w = 0; w < 10; w++) {
      t += 200
      l.record(2000, t)
    }
    expect(l.current()).toBe(4)
    for (let w = 0; w < 20; w++) {
      l.saturated()
      t += 200
      l.record(30, t)
    }
    expect(l.current()).toBeGreaterThanOrEqual(20)
  })

  test('a lagging event loop counts as a slow window even when the answers were fast', () => {
    const l = adaptiveLimit(options, 0)
    l.congested()
    l.record(10, 200)
    expect(l.current()).toBe(22) // 32 × 0.7
    l.record(10, 400)
    expect(l.current()).toBe(22) // the next window was not lagging: held (nobody turned away)
  })
})
