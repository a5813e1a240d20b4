import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Answer } from './idempotency-keys.ts'

// Small JSON-over-HTTP helpers shared by the sandbox servers (payments, carrier).

const MAX_BODY = 64 * 1024

export const fail = (status: number, code: string, message: string): Answer => ({ status, body: { error: { code, message } } })

export const readJson = (req: IncomingMessage): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; answer: Answer }> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY) chunks.push(c)
    })
    req.on('end', () => {
      if (size > MAX_BODY) return resolve({ ok: false, answer: fail(413, 'body_too_large', 'The body is over 64 KiB.') })
      const text = Buffer.concat(chunks).toString('utf8')
      try {
        const body = text === '' ? {} : (JSON.parse(text) as unknown)
        if (body && typeof body === 'object' && !Array.isArray(body)) return resolve({ ok: true, body: body as Record<string, unknown> })
      } catch {}
      resolve({ ok: false, answer: fail(400, 'invalid_json', 'The body must be a JSON object.') })
    })
    req.on('error', () => resolve({ ok: false, answer: fail(400, 'invalid_request', 'The request could not be read.') }))
  })

export const send = (res: ServerResponse, a: Answer, headers: Record<string, string> = {}): void => {
  if (res.writableEnded || res.destroyed) return
  res.writeHead(a.status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(a.body))
}
