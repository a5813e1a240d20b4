import { Agent, request } from 'node:http'

export type Reply = {
  readonly status: number
  readonly body: unknown
  readonly ms: number
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  /** the request opened a new connection (false: it reused an idle keep-alive one) */
  readonly newConnection: boolean
}

/**
 * A small JSON client over keep-alive sockets: lighter than fetch, so the load generator, which
 * shares the 2 cores with the server and the database, takes as little CPU as it can.
 */
export const jsonClient = (baseUrl: string, o: { maxSockets: number; timeoutMs?: number }) => {
  const url = new URL(baseUrl)
  const agent = new Agent({ keepAlive: true, maxSockets: o.maxSockets, maxFreeSockets: o.maxSockets })
  const timeoutMs = o.timeoutMs ?? 30_000

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
    new Promise((resolve) => {
      const t0 = performance.now()
      let newConnection = false
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: {
            ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...headers,
          },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let parsed: unknown = text
            try {
              parsed = text ? JSON.parse(text) : null
            } catch {
              // not JSON (e.g. a proxy error page): keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - t0, headers: res.headers, newConnection })
          })
          res.on('error', () => resolve({ status: 0, body: 'response error', ms: performance.now() - t0, headers: {}, newConnection }))
        },
      )
      req.on('socket', (socket) => {
        newConnection = socket.connecting
      })
      req.on('timeout', () => req.destroy(new Error('timeout')))
      req.on('error', (e) => resolve({ status: 0, body: e.message, ms: performance.now() - t0, headers: {}, newConnection }))
      if (payload !== undefined) req.write(payload)
      req.end()
    })

  return {
    get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => send('POST', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => send('PUT', path, body, headers),
    close: () => agent.destroy(),
  }
}

export type JsonClient = ReturnType<typeof jsonClient>

/** The error code of a Crest error answer, or the HTTP status when there is none. */
export const errorCode = (r: Reply): string => {
  const b = r.body as { error?: { code?: string } } | null
  return b && typeof b === 'object' && b.error?.code ? b.error.code : r.status === 0 ? `network: ${String(r.body)}` : `http_${r.status}`
}
