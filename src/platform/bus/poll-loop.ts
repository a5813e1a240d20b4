import type { Logger } from '../logging/create-logger.ts'

export type PollLoop = {
  /** look for work now instead of at the end of the current idle wait */
  readonly wake: () => void
  /** stop after the batch in progress (if any) finishes */
  readonly stop: () => Promise<void>
}

export type PollLoopOptions = {
  readonly name: string
  readonly intervalMs: number
  /** a batch that did this much work is followed at once by the next one */
  readonly fullBatch: number
  /** does one batch of work and tells how much it did */
  readonly run: () => Promise<number>
  readonly logger: Logger
}

const MAX_ERROR_WAIT_MS = 10_000

/** Runs `run` in a loop: again at once after a full batch, after `intervalMs` when idle, with back-off on errors. */
export const startPollLoop = (o: PollLoopOptions): PollLoop => {
  let stopped = false
  let wakeUp: (() => void) | undefined
  let woken = false
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve()
      const t = setTimeout(() => finish(), ms)
      const finish = () => {
        clearTimeout(t)
        wakeUp = undefined
        resolve()
      }
      wakeUp = finish
    })
  const loop = async () => {
    let failures = 0
    while (!stopped) {
      woken = false
      try {
        const done = await o.run()
        failures = 0
        if (done >= o.fullBatch) await new Promise((r) => setImmediate(r))
        else await sleep(o.intervalMs)
      } catch (err) {
        failures++
        o.logger.error({ err, loop: o.name, failures }, 'event bus loop failed; retrying')
        await sleep(Math.min(MAX_ERROR_WAIT_MS, o.intervalMs * 2 ** Math.min(failures, 10)))
      }
    }
  }
  const running = loop()
  return {
    wake: () => {
      woken = true
      wakeUp?.()
    },
    stop: async () => {
      stopped = true
      wakeUp?.()
      await running
    },
  }
}
