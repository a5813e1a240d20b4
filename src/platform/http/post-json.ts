import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

export type JsonReply = { readonly status: number; readonly body: Record<string, unknown> }

/**
 * POSTs JSON to one service over kept-alive connections and reads a JSON answer (a non-object or
 * unreadable body reads as `{}`). Lighter than `fetch` on the hot path of checkout. Rejects on
 * network failure or when `signal` aborts; the caller decides what that means.
 */
export const jsonPoster = (baseUrl: string, o: { readonly maxSockets?: number } = {}) => {
  const url = new URL(baseUrl)
  const secure = url.protocol === 'https:'
  const agentOptions = { keepAlive: true, maxSockets: o.maxSockets ?? 256, maxFreeSockets: 64 }
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions)
  const send = secure ? httpsRequest : httpRequest
  const base = url.pathname.replace(/\/$/, '')

  return (path: string, body: unknown, headers: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<JsonReply> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body)
      const req = send(
        {
          agent,
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          method: 'POST',
          path: `${base}${path}`,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          ...(signal && { signal }),
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', reject)
          res.on('end', () => {
            let parsed: unknown
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
            } catch {
              parsed = {}
            }
            resolve({ status: res.statusCode ?? 0, body: parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {} })
          })
        },
      )
      req.on('error', reject)
      req.end(payload)
    })
}
