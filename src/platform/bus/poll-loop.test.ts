import { expect, test } from 'vitest'
import { createLogger } from '../logging/create-logger.ts'
import { startPollLoop } from './poll-loop.ts'

const logger = createLogger('silent')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

test('a full batch is followed at once by the next; an idle loop waits for the interval', async () => {
  const batches = [10, 10, 10, 3, 0]
  const at: number[] = []
  const loop = startPollLoop({
    name: 't',
    intervalMs: 200,
    fullBatch: 10,
    logger,
    run: async () => {
      at.push(Date.now())
      return batches.shift() ?? 0
    },
  })
  await sleep(100)
  expect(at).toHaveLength(4) // three full batches back to back, then the partial one, then waiting
  await loop.stop()
})

test('wake cuts the idle wait short, and stop waits for the batch in progress', async () => {
  let runs = 0
  let inProgress = false
  const loop = startPollLoop({
    name: 't',
    intervalMs: 60_000,
    fullBatch: 1,
    logger,
    run: async () => {
      runs++
      inProgress = true
      await sleep(30)
      inProgress = false
      return 0
    },
  })
  await sleep(50)
  expect(runs).toBe(1)
  loop.wake()
  await sleep(10)
  expect(runs).toBe(2)
  await loop.stop()
  expect(inProgress).toBe(false)
})

test('a failing batch is retried with a growing wait instead of a hot loop', async () => {
  let runs = 0
  const loop = startPollLoop({
    name: 't',
    intervalMs: 10,
    fullBatch: 1,
    logger,
    run: async () => {
      runs++
      throw new Error('database unreachable')
    },
  })
  await sleep(200)
  await loop.stop()
  expect(runs).toBeGreaterThan(2) // 20, 40, 80 ms waits…
  expect(runs).toBeLessThan(7)
})
