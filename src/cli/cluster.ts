import cluster, { type Worker } from 'node:cluster'
import type { Logger } from '../platform/logging/create-logger.ts'
import { serveClusterMetrics } from '../platform/metrics/index.ts'

const RESTART_WINDOW_MS = 60_000
const MAX_RESTARTS_IN_WINDOW = 10

/**
 * `crest serve --workers N`: the primary forks N serve processes that share the listening port
 * (the primary hands connections out round-robin), restarts one that dies (at most 10 a minute,
 * so a crash loop stops instead of spinning), and on SIGTERM/SIGINT lets every worker drain before
 * it exits. Shared state must then live in engines every worker sees: PostgreSQL and Redis.
 */
/**
 * Runs `then` once the primary has let go of a dead worker. A worker can exit before its IPC
 * channel closes, and until it closes the primary still hands it connections (which are lost)
 * and still counts it among `cluster.workers`.
 */
const whenDisconnected = (w: Worker, then: () => void) => (w.isConnected() ? w.once('disconnect', then) : then())

export const runCluster = (workers: number, logger: Logger): Promise<void> =>
  new Promise((resolve) => {
    let stopping = false
    const restarts: number[] = []
    const fork = () => cluster.fork()
    cluster.on('exit', (w, code, signal) =>
      whenDisconnected(w, () => {
        if (stopping) {
          if (Object.keys(cluster.workers ?? {}).length === 0) {
            logger.info('all serve workers stopped')
            resolve()
            process.exit(0)
          }
          return
        }
        const now = Date.now()
        while (restarts.length && (restarts[0] as number) < now - RESTART_WINDOW_MS) restarts.shift()
        if (restarts.length >= MAX_RESTARTS_IN_WINDOW) {
          logger.error({ code, signal }, 'serve workers keep dying; giving up')
          process.exit(1)
        }
        restarts.push(now)
        logger.warn({ worker_pid: w.process.pid, code, signal }, 'serve worker died; starting another')
        fork()
      }),
    )
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return
      stopping = true
      logger.info({ signal }, 'draining every serve worker')
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal)
    }
    // a worker shares the port only from here on: until then the connections go to the others
    cluster.on('listening', (w) => logger.info({ worker_pid: w.process.pid }, 'serve worker listening'))
    process.on('SIGTERM', () => stop('SIGTERM'))
    process.on('SIGINT', () => stop('SIGINT'))
    serveClusterMetrics() // a worker's GET /metrics answers for every worker (docs/operations.md)
    for (let i = 0; i < workers; i++) fork()
    logger.info({ workers }, `Crest is serving with ${workers} worker processes`)
  })

export const isClusterWorker = () => cluster.isWorker
