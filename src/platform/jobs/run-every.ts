import type { Logger } from '../logging/create-logger.ts'

export type Job = { readonly name: string; readonly everyMs: number; readonly run: () => Promise<unknown> }

/**
 * Runs each job on its interval (with a little jitter so processes do not beat in step), never
 * two runs of one job at once in this process. The jobs themselves are safe to run in several
 * processes (conditional writes, SKIP LOCKED); a single-runner lease arrives with the worker role.
 */
export const runJobs = (jobs: readonly Job[], logger: Logger): (() => Promise<void>) => {
  const timers: NodeJS.Timeout[] = []
  const running = new Set<Promise<unknown>>()
  let stopped = false
  for (const job of jobs) {
    let busy = false
    const tick = () => {
      if (busy || stopped) return
      busy = true
      const p = job
        .run()
        .then((result) => logger.debug({ job: job.name, result }, 'job ran'))
        .catch((err) => logger.error({ err, job: job.name }, 'job failed'))
        .finally(() => {
          busy = false
          running.delete(p)
        })
      running.add(p)
    }
    const t = setInterval(tick, job.everyMs + Math.floor(Math.random() * (job.everyMs / 5)))
    t.unref()
    timers.push(t)
  }
  return async () => {
    stopped = true
    for (const t of timers) clearInterval(t)
    await Promise.allSettled([...running])
  }
}
