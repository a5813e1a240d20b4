import type { BulkheadPolicy } from 'cockatiel'

/** The wait in a bounded line ran out before a slot came free: the work never started. */
export class LineTimeoutError extends Error {
  override readonly name = 'LineTimeoutError'
  constructor(readonly waitedMs: number) {
    super(`no slot came free within ${waitedMs} ms`)
  }
}

/**
 * Runs `fn` in the bulkhead, but waits in its line at most `timeoutMs`: past it, rejects with
 * LineTimeoutError at once, and the work is cancelled for good (cockatiel drops an aborted waiter
 * when its turn comes, without running it), so a caller told "busy" never gets an order placed
 * behind its back. Once `fn` has started the timeout no longer applies: it runs to completion.
 */
export const waitInLine = async <T>(line: BulkheadPolicy, timeoutMs: number, fn: () => Promise<T>): Promise<T> => {
  const ac = new AbortController()
  let started = false
  let timer: NodeJS.Timeout | undefined
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (started) return
      ac.abort()
      reject(new LineTimeoutError(timeoutMs))
    }, timeoutMs)
  })
  try {
    return await Promise.race([
      line.execute(() => {
        started = true
        clearTimeout(timer)
        return fn()
      }, ac.signal),
      gaveUp,
    ])
  } finally {
    clearTimeout(timer)
  }
}
