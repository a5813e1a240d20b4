import { spawn } from 'node:child_process'

/** The longest accept queue seen, overall and in each second from the start (connections the kernel completed and the server had not yet accepted). */
export type AcceptQueue = { readonly max: number; readonly maxBySecond: readonly number[] }

/** `ss` prints a listening socket's accept queue as Recv-Q: "LISTEN <queued> <backlog> <address> …" */
const queuedOf = (line: string): number | null => {
  if (!line.startsWith('LISTEN')) return null
  const n = Number(line.trim().split(/\s+/)[1])
  return Number.isFinite(n) ? n : null
}

/**
 * The kernel's queue of connections waiting for the server to accept them, for the socket listening
 * on `port`, sampled about every 100 ms by `ss` (Linux; the kernel picks out the listening socket).
 * The sampling runs in a small shell loop of its own: reading /proc/net/tcp (every socket of the
 * 10,000 buyers) or forking `ss` from the load generator (a large process) ten times a second took
 * time from the sale it measures. Null from `stop` where `ss` is missing.
 */
export const watchAcceptQueue = (port: number) => {
  const start = performance.now()
  const bySecond: number[] = []
  let readable = false
  let pending = ''
  const loop = spawn('sh', ['-c', `while :; do ss -Hltn 'sport = :${port}' || exit 1; sleep 0.1; done`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  loop.on('error', () => {})
  loop.stdout.setEncoding('utf8')
  loop.stdout.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      const n = queuedOf(line)
      if (n === null) continue
      readable = true
      const s = Math.floor((performance.now() - start) / 1000)
      bySecond[s] = Math.max(bySecond[s] ?? 0, n)
    }
  })
  return {
    stop: (): AcceptQueue | null => {
      loop.kill()
      if (!readable) return null
      const maxBySecond = Array.from(bySecond, (n) => n ?? 0)
      return { max: Math.max(0, ...maxBySecond), maxBySecond }
    },
  }
}
