import { pino, type Logger } from 'pino'
import { logContext } from '../tracing/log-context.ts'

export type { Logger }

/** JSON logs to stdout; lines written while serving a request carry its request_id (and trace_id, span_id when tracing). */
export const createLogger = (level: string, base: Record<string, unknown> = {}): Logger =>
  pino({ level, base: { pid: process.pid, ...base }, timestamp: pino.stdTimeFunctions.isoTime, mixin: logContext })
