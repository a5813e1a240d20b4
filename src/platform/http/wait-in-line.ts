/** The wait in a bounded line ran out before a slot came free: the work never started. */
export class LineTimeoutError extends Error {
  override readonly name = 'LineTimeoutError'
  constructor(readonly waitedMs: number) {
    super(`no slot came free within ${waitedMs} ms`)
  }
}

/** The line was full: told at once, nothing started. */
export class LineFullError extends Error {
  override readonly name = 'LineFullError'
  constructor(
    readonly capacity: number,
    readonly queueCapacity: number,
  ) {
    super(`all ${capacity} slots busy and ${queueCapacity} waiting`)
  }
}

type Waiter = { readonly start: () => void; readonly giveUp: () => void; timer?: NodeJS.Timeout }

/**
 * At most `capacity` pieces of work at once, and at most `queueCapacity` waiting for a slot in
 * arrival order. A waiter whose time runs out leaves the line at once — it neither runs later nor
 * keeps a place — so under a sustained overload the line holds only callers still waiting, and
 * every freed slot goes to the next of them. (cockatiel's bulkhead keeps an aborted waiter in its
 * queue until its turn, and then leaves the freed slot idle: a line full of callers who gave up
 * turned every newcomer away in the flash-sale benchmark.)
 */
export type BoundedLine = {
  /** runs `fn` when a slot is free, waiting at most `timeoutMs`; once started it runs to completion */
  readonly run: <T>(timeoutMs: number, fn: () => Promise<T>) => Promise<T>
  readonly stats: () => { readonly active: number; readonly waiting: number }
}

export type LineOptions = {
  /**
   * a newcomer who would have to wait, and whose expected time to be done — the callers ahead of it
   * × the recent time per piece of work ÷ the slots, plus its own piece — passes this, is told
   * "full" at once instead of joining (load shedding by latency, decision 0020); undefined: only
   * the queue's length counts
   */
  readonly maxExpectedMs?: number
  /** told when a caller finds every slot busy (an adaptive capacity grows only when it is used up) */
  readonly onNoFreeSlot?: () => void
}

/** weight of the newest run time in the moving average the expected wait uses */
const EWMA_WEIGHT = 0.2

/** `capacity`: a number, or a function read at every decision (a limit that follows latency, decision 0020) */
export const boundedLine = (capacity: number | (() => number), queueCapacity: number, o: LineOptions = {}): BoundedLine => {
  const slots = typeof capacity === 'number' ? () => capacity : () => Math.max(1, capacity())
  let active = 0
  let meanRunMs = 0
  const waiting: Waiter[] = []
  const next = () => {
    while (active < slots() && waiting.length > 0) waiting.shift()?.start()
  }
  const expectedMs = () => ((waiting.length + 1) / slots()) * meanRunMs + meanRunMs
  return {
    run: <T>(timeoutMs: number, fn: () => Promise<T>): Promise<T> => {
      const go = async (): Promise<T> => {
        const startedAt = performance.now()
        try {
          return await fn()
        } finally {
          const ms = performance.now() - startedAt
          meanRunMs = meanRunMs === 0 ? ms : meanRunMs + EWMA_WEIGHT * (ms - meanRunMs)
          active--
          next()
        }
      }
      if (active < slots() && waiting.length === 0) {
        active++
        return go()
      }
      o.onNoFreeSlot?.()
      if (waiting.length >= queueCapacity || (o.maxExpectedMs !== undefined && expectedMs() > o.maxExpectedMs))
        return Promise.reject(new LineFullError(slots(), queueCapacity))
      return new Promise<T>((resolve, reject) => {
        const w: Waiter = {
          start: () => {
            clearTimeout(w.timer)
            active++
            go().then(resolve, reject)
          },
          giveUp: () => reject(new LineTimeoutError(timeoutMs)),
        }
        w.timer = setTimeout(() => {
          const i = waiting.indexOf(w)
          if (i < 0) return // already started
          waiting.splice(i, 1)
          w.giveUp()
        }, timeoutMs)
        waiting.push(w)
      })
    },
    stats: () => ({ active, waiting: waiting.length }),
  }
}
