import { percentile } from './latency-histogram.ts'
import type { RunStats, Second } from './run-stats.ts'

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}s` : `${Math.round(n)}ms`)

/** One line per second: elapsed, journeys started, in flight, p50/p99, errors, shed, orders, waiting room. */
export const progressLine = (s: Second, stats: RunStats, label: string): string => {
  const room = s.waitingRoom === null ? '' : ` | waiting room ${s.waitingRoom}`
  const dropped = s.dropped ? ` dropped ${s.dropped}` : ''
  return (
    `[${String(s.t + 1).padStart(4)}s ${label.padEnd(11)}] ${String(s.started).padStart(4)} journeys/s${dropped} | in flight ${String(s.inFlight).padStart(4)}` +
    ` | ${String(s.requests).padStart(5)} req/s p50 ${ms(percentile(s.latency, 0.5)).padStart(6)} p99 ${ms(percentile(s.latency, 0.99)).padStart(6)}` +
    ` | errors ${s.errors} shed ${s.shed} | orders ${stats.orders}${room}`
  )
}

/**
 * On a terminal the line is redrawn in place each second and kept every tenth second (a short
 * history); elsewhere (a pipe, CI) every second is a plain line.
 */
export const progressWriter = (out: NodeJS.WriteStream) => {
  const tty = Boolean(out.isTTY)
  return {
    line: (text: string, keep = false) => out.write(tty ? `\r\x1b[2K${text}${keep ? '\n' : ''}` : `${text}\n`),
    done: () => {
      if (tty) out.write('\n')
    },
  }
}
