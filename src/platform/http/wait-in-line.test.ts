import { bulkhead } from 'cockatiel'
import { describe, expect, test } from 'vitest'
import { LineTimeoutError, waitInLine } from './wait-in-line.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('waiting in a bounded line', () => {
  test('a waiter whose slot does not come within the timeout is told at once, and its work never runs', async () => {
    const line = bulkhead(1, 10)
    let release: () => void = () => {}
    const busy = waitInLine(line, 1000, () => new Promise<string>((r) => (release = () => r('first'))))
    let ran = false
    const started = Date.now()
    const second = waitInLine(line, 50, async () => {
      ran = true
      return 'second'
    })
    await expect(second).rejects.toBeInstanceOf(LineTimeoutError)
    const waited = Date.now() - started
    expect(waited).toBeGreaterThanOrEqual(45)
    expect(waited).toBeLessThan(1000)
    release()
    expect(await busy).toBe('first')
    await sleep(20)
    // its turn came after it gave up: dropped, not run
    expect(ran).toBe(false)
    // and the line is free again for the next one
    expect(await waitInLine(line, 50, async () => 'third')).toBe('third')
  })

  test('work that started runs to completion past the timeout', async () => {
    const line = bulkhead(1, 10)
    expect(
      await waitInLine(line, 10, async () => {
        await sleep(50)
        return 'done'
      }),
    ).toBe('done')
  })

  test('a full line still rejects at once', async () => {
    const line = bulkhead(1, 0)
    const hold = waitInLine(line, 1000, () => sleep(30))
    await expect(waitInLine(line, 1000, async () => 1)).rejects.toThrow(/Bulkhead capacity exceeded/)
    await hold
  })
})
