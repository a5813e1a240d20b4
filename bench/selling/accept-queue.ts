import { execFile } from 'node:child_process'

/** The longest accept queue seen, overall and in each second from the start (connections the kernel completed and the server had not yet accepted). */
export type AcceptQueue = { readonly max: number; readonly maxBySecond: readonly number[] }

/** `ss` prints a listening socket's accept queue as Recv-Q: "LISTEN <queued> <backlog> <address> …" */
const queuedOf = (ssOutput: string): number | null => {
  const line = ssOutput.split('\n').find((l) => l.startsWith('LISTEN'))
  const n = Number(line?.trim().split(/\s+/)[1])
  return Number.isFinite(n) ? n : null
}

/**
 * The kernel's queue of connections waiting for the server to accept them, for the socket listening
 * on `port`, sampled every `everyMs` with `ss` (Linux; the kernel picks out the listening socket,
 * so a sample costs the same with 10,000 buyers' sockets open: /proc/net/tcp lists them all and
 * reading it every 50 ms took a good share of a core). Null from `stop` where `ss` is missing.
 */
export const watchAcceptQueue = (port: number, everyMs = 100) => {
  const start = performance.now()
  const bySecond: number[] = []
  let readable = false
  let busy = false
  const sample = () => {
    if (busy) return
    busy = true
    execFile('ss', ['-Hltn', `sport = :${port}`], { timeout: 2000 }, (e, out) => {
      busy = false
      const n = e ? null : queuedOf(out)
      if (n === null) return
      readable = true
      const s = Math.floor((performance.now() - start) / 1000)
      bySecond[s] = Math.max(bySecond[s] ?? 0, n)
    })
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return {
    stop: (): AcceptQueue | null => {
      clearInterval(timer)
      if (!readable) return null
      const maxBySecond = Array.from(bySecond, (n) => n ?? 0)
      return { max: Math.max(0, ...maxBySecond), maxBySecond }
    },
  }
}
