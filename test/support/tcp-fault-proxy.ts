import { createServer, type Server, type Socket, connect } from 'node:net'

export type FaultProxy = {
  readonly port: number
  /** refuse new connections and reset the open ones: the upstream looks down (ECONNREFUSED) */
  readonly cut: () => Promise<void>
  /** accept connections again */
  readonly restore: () => Promise<void>
  readonly close: () => Promise<void>
}

/**
 * A small TCP proxy on loopback in front of a real server (toxiproxy-style), to take an engine
 * "down" for one test without touching the engine others use.
 */
export const startFaultProxy = async (target: { host: string; port: number }): Promise<FaultProxy> => {
  const open = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host)
        open.add(client)
        open.add(upstream)
        const drop = () => {
          client.destroy()
          upstream.destroy()
          open.delete(client)
          open.delete(upstream)
        }
        client.on('error', drop).on('close', drop)
        upstream.on('error', drop).on('close', drop)
        client.pipe(upstream)
        upstream.pipe(client)
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port
        server = s
        resolve()
      })
    })
  await listen()
  const cut = async () => {
    const s = server
    server = undefined
    for (const sock of open) sock.resetAndDestroy()
    open.clear()
    if (s) await new Promise<void>((r) => s.close(() => r()))
  }
  return {
    get port() {
      return port
    },
    cut,
    restore: async () => {
      if (!server) await listen()
    },
    close: cut,
  }
}
