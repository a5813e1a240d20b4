import { pino, type Logger } from 'pino'

export type { Logger }

/** JSON logs to stdout; the HTTP layer adds a request id to each request's child logger. */
export const createLogger = (level: string, base: Record<string, unknown> = {}): Logger =>
  pino({ level, base: { pid: process.pid, ...base }, timestamp: pino.stdTimeFunctions.isoTime })
