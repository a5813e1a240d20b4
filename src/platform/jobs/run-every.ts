import type { Logger } from '../logging/create-logger.ts'
import type { Lease } from './lease.ts'

export type Job = { readonly name: string; readonly everyMs: number; readonly run: () => Promise<unknown> }

export type RunJobsOptions = {
  /**
   * With a lease, each run first takes the job's lease (`job:<name>`), so across all processes
   * sharing the database exactly one runs a job at a time. The holder keeps it between runs
   * (renewing it each tick and during a long run) and gives it up when it stops; if it dies,
   * another process takes over when the lease expires.
   */
  readonly lease?: Lease
  /** lease lifetime; default three intervals, at least 15 s (see {@link leaseOfAtLeast}) */
  readonly leaseMs?: (job: Job) => number
}

/**
 * A job's lease lasts three of its intervals, at least `minMs`: after a process dies, another
 * takes its jobs over at most that long later. Short is fine for correctness (the jobs are safe
 * to run twice at once); the floor keeps a process that stalls longer than a lease from losing
 * it to another for nothing.
 */
export const leaseOfAtLeast =
  (minMs: number) =>
  (job: Job): number =>
    Math.max(minMs, job.everyMs * 3)

const defaultLeaseMs = leaseOfAtLeast(15_000)

/** Runs one tick of a job under its lease (or without one); skipped while another process holds it. */
const runOnce = async (job: Job, o: RunJobsOptions): Promise<unknown> => {
  const { lease } = o
  if (!lease) return job.run()
  const name = `job:${job.name}`
  const ttl = (o.leaseMs ?? defaultLeaseMs)(job)
  if (!(await lease.acquire(name, ttl))) return { skipped: 'another process holds the lease' }
  const renew = setInterval(() => void lease.acquire(name, ttl).catch(() => {}), Math.max(1000, ttl / 3))
  renew.unref()
  try {
    return await job.run()
  } finally {
    clearInterval(renew)
  }
}

/**
 * Runs each job on its interval (with a little jitter so processes do not beat in step), never
 * two runs of one job at once in this process. Without a lease every process runs every job (they
 * are written to be safe that way: conditional writes, SKIP LOCKED); with `lease`, one at a time.
 */
export const runJobs = (jobs: readonly Job[], logger: Logger, o: RunJobsOptions = {}): (() => Promise<void>) => {
  const timers: NodeJS.Timeout[] = []
  const running = new Set<Promise<unknown>>()
  let stopped = false
  for (const job of jobs) {
    let busy = false
    const tick = () => {
      if (busy || stopped) return
      busy = true
      const p = runOnce(job, o)
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
    const { lease } = o
    if (lease) await Promise.allSettled(jobs.map((j) => lease.release(`job:${j.name}`)))
  }
}
