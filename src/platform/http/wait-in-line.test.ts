import { describe, expect, test } from 'vitest'
import { boundedLine, LineFullError, LineTimeoutError } from './wait-in-line.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const gate = () => {
  let open: () => void = () => {}
  const opened = new Promise<void>((r) => {
    open = r
  })
  return { open, opened }
}

describe('a bounded line', () => {
  test('a waiter whose slot does not come within the timeout is told at once, and its work never runs', async () => {
    const line = boundedLine(1, 10)
    const g = gate()
    const busy = line.run(1000, async () => {
      await g.opened
      return 'first'
    })
    let ran = false
    const started = Date.now()
    const second = line.run(50, async () => {
      ran = true
      return 'second'
    })
    await expect(second).rejects.toBeInstanceOf(LineTimeoutError)
    const waited = Date.now() - started
    expect(waited).toBeGreaterThanOrEqual(45)
    expect(waited).toBeLessThan(1000)
    expect(line.stats()).toEqual({ active: 1, waiting: 0 }) // it left the line at once
    g.open()
    expect(await busy).toBe('first')
    await sleep(20)
    expect(ran).toBe(false)
    expect(await line.run(50, async () => 'third')).toBe('third')
  })

  test('work that started runs to completion past the timeout', async () => {
    const line = boundedLine(1, 10)
    expect(
      await line.run(10, async () => {
        await sleep(50)
        return 'done'
      }),
    ).toBe('done')
  })

  test('a full line rejects at once', async () => {
    const line = boundedLine(1, 0)
    const hold = line.run(1000, () => sleep(30))
    await expect(line.run(1000, async () => 1)).rejects.toBeInstanceOf(LineFullError)
    await hold
  })

  test('waiters start in arrival order, and those who gave up neither keep a place nor leave a slot idle', async () => {
    const line = boundedLine(1, 3)
    const g = gate()
    const order: string[] = []
    const first = line.run(1000, async () => {
      await g.opened
      order.push('first')
    })
    // three who give up fill the line, then leave it
    const quitters = [1, 2, 3].map((i) => line.run(20, async () => order.push(`quitter ${i}`)).catch((e) => e))
    for (const q of await Promise.all(quitters)) expect(q).toBeInstanceOf(LineTimeoutError)
    // the line has room again: with cockatiel's bulkhead these would be turned away as "full"
    const later = ['a', 'b', 'c'].map((n) => line.run(1000, async () => order.push(n)))
    g.open()
    await Promise.all([first, ...later])
    expect(order).toEqual(['first', 'a', 'b', 'c'])
    expect(line.stats()).toEqual({ active: 0, waiting: 0 })
  })

  test('a failing piece of work gives its slot to the next waiter', async () => {
    const line = boundedLine(1, 5)
    const failing = line.run(1000, async () => {
      await sleep(10)
      throw new Error('boom')
    })
    const next = line.run(1000, async () => 'next')
    await expect(failing).rejects.toThrow('boom')
    expect(await next).toBe('next')
  })

  test('with a budget a newcomer is told "full" at once when the callers ahead and its own work would take longer', async () => {
    const line = boundedLine(1, 100, { maxExpectedMs: 250 })
    const slow = () => new Promise<string>((r) => setTimeout(() => r('done'), 100))
    expect(await line.run(5000, slow)).toBe('done') // teaches the line: about 100 ms per piece of work
    const first = line.run(5000, slow) // runs
    const second = line.run(5000, slow) // waits: done in about 200 ms
    await expect(line.run(5000, slow)).rejects.toBeInstanceOf(LineFullError) // would be done in about 300 ms
    expect(await Promise.all([first, second])).toEqual(['done', 'done'])
    expect(await line.run(5000, slow)).toBe('done') // the line is free again
  })

  test('a capacity that follows latency is read at every decision: fewer start at once after it shrinks, more after it grows', async () => {
    let capacity = 3
    let busyTold = 0
    const line = boundedLine(() => capacity, 100, { onNoFreeSlot: () => busyTold++ })
    const firstGate = gate()
    const laterGate = gate()
    const work = (opened: Promise<void>) => line.run(5000, () => opened)
    const first = [1, 2, 3].map(() => work(firstGate.opened))
    expect(line.stats()).toEqual({ active: 3, waiting: 0 })
    expect(busyTold).toBe(0)
    capacity = 1 // slow placements shrank it
    const later = [4, 5, 6].map(() => work(laterGate.opened))
    expect(line.stats()).toEqual({ active: 3, waiting: 3 })
    expect(busyTold).toBe(3) // each newcomer found every slot taken
    firstGate.open()
    await Promise.all(first)
    expect(line.stats()).toEqual({ active: 1, waiting: 2 }) // three slots came free, but only one may be used now
    capacity = 3 // fast answers grew it: the next decision lets the others in
    laterGate.open()
    await Promise.all(later)
    expect(line.stats()).toEqual({ active: 0, waiting: 0 })
  })

  test('a capacity read as zero or less still lets one piece of work run', async () => {
    const line = boundedLine(() => 0, 10)
    expect(await line.run(1000, async () => 'ran')).toBe('ran')
  })
})
