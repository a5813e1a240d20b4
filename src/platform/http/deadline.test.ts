import { expect, test } from 'vitest'
import { deadline } from './deadline.ts'

test('aborts after its time with a TimeoutError, or at once when the outer signal aborts; done clears it', async () => {
  const late = deadline(20)
  expect(late.signal.aborted).toBe(false)
  await new Promise((r) => setTimeout(r, 40))
  expect(late.signal.aborted).toBe(true)
  expect((late.signal.reason as DOMException).name).toBe('TimeoutError')

  const outer = new AbortController()
  const led = deadline(10_000, outer.signal)
  outer.abort(new Error('shopper left'))
  expect(led.signal.aborted).toBe(true)
  expect((led.signal.reason as Error).message).toBe('shopper left')
  led.done()

  const finished = deadline(20, new AbortController().signal)
  finished.done()
  await new Promise((r) => setTimeout(r, 40))
  expect(finished.signal.aborted).toBe(false)

  const already = new AbortController()
  already.abort()
  expect(deadline(10_000, already.signal).signal.aborted).toBe(true)
})
