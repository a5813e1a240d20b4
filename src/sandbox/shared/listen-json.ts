import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { fail } from './http-io.ts'

/**
 * Serves a sandbox's handler on host:port (port 0: any free one): each request is logged when a
 * `log` is given, and a handler that throws answers 500 `internal` instead of hanging the caller.
 * Returns the reachable URL and a close that also drops open connections.
 */
export const listenJson = async (
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  o: { readonly port: number; readonly host?: string; readonly log?: (line: string) => void },
): Promise<{ readonly url: string; readonly close: () => Promise<void> }> => {
  const server = createServer((req, res) => {
    const started = performance.now()
    res.on('finish', () => o.log?.(`${req.method} ${req.url} ${res.statusCode} ${Math.round(performance.now() - started)}ms`))
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return res.destroy()
      const a = fail(500, 'internal', e instanceof Error ? e.message : String(e))
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body))
    })
  })
  const host = o.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** A sleep whose pending timers `stop` clears, so a closing sandbox leaves nothing running. */
export const stoppableSleep = () => {
  const timers = new Set<NodeJS.Timeout>()
  return {
    sleep: (ms: number): Promise<void> =>
      ms <= 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const t = setTimeout(() => {
              timers.delete(t)
              resolve()
            }, ms)
            timers.add(t)
          }),
    stop: () => {
      for (const t of timers) clearTimeout(t)
      timers.clear()
    },
  }
}
