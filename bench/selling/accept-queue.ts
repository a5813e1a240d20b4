import { readFileSync } from 'node:fs'

/** The longest accept queue seen, overall and in each second from the start (connections the kernel completed and the server had not yet accepted). */
export type AcceptQueue = { readonly max: number; readonly maxBySecond: readonly number[] }

/**
 * The kernel's queue of connections waiting for the server to accept them, for the socket listening
 * on `port` (Linux: a LISTEN line of /proc/net/tcp or tcp6 shows its queue as rx_queue). Sampled
 * every `everyMs`. Null from `stop` where /proc/net/tcp cannot be read (not Linux).
 */
export const watchAcceptQueue = (port: number, everyMs = 50) => {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  const read = (): number | null => {
    let found: number | null = null
    for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch {
        continue
      }
      for (const line of text.split('\n').slice(1)) {
        const f = line.trim().split(/\s+/)
        // sl local_address rem_address st tx_queue:rx_queue …; st 0A = LISTEN
        if (f[3] !== '0A' || !f[1]?.endsWith(`:${hexPort}`)) continue
        found = (found ?? 0) + Number.parseInt(f[4]?.split(':')[1] ?? '0', 16)
      }
    }
    return found
  }
  const start = performance.now()
  const bySecond: number[] = []
  let readable = read() !== null
  const timer = setInterval(() => {
    const n = read()
    if (n === null) return
    readable = true
    const s = Math.floor((performance.now() - start) / 1000)
    bySecond[s] = Math.max(bySecond[s] ?? 0, n)
  }, everyMs)
  return {
    stop: (): AcceptQueue | null => {
      clearInterval(timer)
      if (!readable) return null
      const maxBySecond = Array.from(bySecond, (n) => n ?? 0)
      return { max: Math.max(0, ...maxBySecond), maxBySecond }
    },
  }
}
