import { Agent, request } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

export type Reply = {
  readonly status: number
  readonly body: unknown
  readonly ms: number
  /** Crest's error code, `http_<status>` without one, or the network error (`timeout`, `ECONNREFUSED`) */
  readonly code: string
  readonly retryAfter: string | undefined
  readonly timedOut: boolean
  /** a waiting-room pass (`x-queue-pass`) or ticket (`x-queue-token`) the store handed out */
  readonly queueToken: string | undefined
}

export type HttpClient = {
  readonly send: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply>
  readonly close: () => void
}

const codeOf = (status: number, body: unknown): string => {
  const b = body as { error?: { code?: unknown } } | null
  return b && typeof b === 'object' && typeof b.error?.code === 'string' ? b.error.code : `http_${status}`
}

/**
 * A small JSON client over keep-alive sockets (lighter than fetch: the generator shares the
 * machine with the store it loads). Never throws: a network failure or a timeout is a reply with
 * status 0, so every request ends in an answer the report can count.
 */
export const createHttpClient = (baseUrl: string, o: { maxSockets: number; timeoutMs: number }): HttpClient => {
  const url = new URL(baseUrl)
  const https = url.protocol === 'https:'
  const agentOptions = { keepAlive: true, maxSockets: o.maxSockets, maxFreeSockets: Math.min(o.maxSockets, 256) }
  const agent = https ? new HttpsAgent(agentOptions) : new Agent(agentOptions)
  const doRequest = https ? httpsRequest : request
  const prefix = url.pathname.replace(/\/$/, '')

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
    new Promise((resolve) => {
      const t0 = performance.now()
      let timedOut = false
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const fail = (e: Error) =>
        resolve({
          status: 0,
          body: e.message,
          ms: performance.now() - t0,
          code: timedOut ? 'timeout' : ((e as NodeJS.ErrnoException).code ?? 'network_error'),
          retryAfter: undefined,
          timedOut,
          queueToken: undefined,
        })
      const req = doRequest(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path: prefix + path,
          headers: {
            accept: 'application/json',
            ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...headers,
          },
          timeout: o.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', fail)
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let parsed: unknown = text
            try {
              parsed = text ? JSON.parse(text) : null
            } catch {
              // not JSON (an HTML page or a proxy's error): keep the text
            }
            const status = res.statusCode ?? 0
            const ra = res.headers['retry-after']
            const pass = res.headers['x-queue-pass'] ?? res.headers['x-queue-token']
            resolve({
              status,
              body: parsed,
              ms: performance.now() - t0,
              code: codeOf(status, parsed),
              retryAfter: Array.isArray(ra) ? ra[0] : ra,
              timedOut: false,
              queueToken: Array.isArray(pass) ? pass[0] : pass,
            })
          })
        },
      )
      req.on('timeout', () => {
        timedOut = true
        req.destroy(new Error('timeout'))
      })
      req.on('error', fail)
      if (payload !== undefined) req.write(payload)
      req.end()
    })

  return { send, close: () => agent.destroy() }
}
