import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createStripeBook, type StripeAnswer, stripeError } from './fake-stripe-resources.ts'

/**
 * A local stand-in for api.stripe.com, strict about what Stripe's API reference asks of the calls
 * Crest makes: `Authorization: Bearer sk_…`, form-encoded bodies
 * (`application/x-www-form-urlencoded`, nested keys as `metadata[key]`), a `Stripe-Version`
 * header, and (our own rule, checked here) an `Idempotency-Key` on every POST. Idempotency works as
 * Stripe's: same key and parameters → the first answer again with `Idempotent-Replayed: true`;
 * other parameters → 400 `idempotency_error`.
 */
export type RecordedRequest = {
  readonly method: string
  readonly path: string
  readonly headers: IncomingMessage['headers']
  readonly contentType: string | undefined
  readonly form: Record<string, string>
}

export type FakeStripe = {
  readonly url: string
  readonly requests: RecordedRequest[]
  readonly book: ReturnType<typeof createStripeBook>
  /** the next `count` API calls answer `status` (500 api_error, 409 conflict, …) before doing anything */
  readonly failNext: (count: number, status: number) => void
  readonly close: () => Promise<void>
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

const send = (res: ServerResponse, a: StripeAnswer, headers: Record<string, string> = {}) => {
  res.writeHead(a.status, { 'content-type': 'application/json', 'request-id': `req_${Date.now()}`, ...headers })
  res.end(JSON.stringify(a.body))
}

const invalid = (message: string) => stripeError(400, { type: 'invalid_request_error', message })

/** What every request must carry; null when it does. */
const checkRequest = (req: IncomingMessage, contentType: string | undefined): StripeAnswer | null => {
  if (!/^Bearer sk_(test|live)_\w+$/.test(req.headers.authorization ?? '')) {
    return stripeError(401, { type: 'invalid_request_error', message: 'Invalid API Key provided.' })
  }
  if (!req.headers['stripe-version']) return invalid('This fake expects a Stripe-Version header.')
  if (req.method !== 'POST') return null
  if (contentType !== 'application/x-www-form-urlencoded')
    return invalid(`Invalid request: Content-Type must be application/x-www-form-urlencoded, got ${contentType}`)
  const key = req.headers['idempotency-key']
  if (typeof key !== 'string' || key === '' || key.length > 255)
    return invalid('This fake expects an Idempotency-Key header on every POST.')
  return null
}

export const startFakeStripe = async (): Promise<FakeStripe> => {
  const book = createStripeBook()
  const requests: RecordedRequest[] = []
  const replies = new Map<string, { fingerprint: string; answer: StripeAnswer }>()
  const failures = { count: 0, status: 500 }

  const route = (method: string, path: string, form: Record<string, string>, query: URLSearchParams): StripeAnswer => {
    if (method === 'GET' && path === '/v1/payment_intents/search') return book.search(query.get('query') ?? '')
    if (method === 'POST' && path === '/v1/payment_intents') return book.createIntent(form)
    if (method === 'POST' && path === '/v1/refunds') return book.refund(form)
    const m = /^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel))?$/.exec(path)
    if (m?.[1] && method === 'POST' && m[2] === 'capture') return book.onIntent(m[1], (pi) => book.capture(pi, form))
    if (m?.[1] && method === 'POST' && m[2] === 'cancel') return book.onIntent(m[1], (pi) => book.cancel(pi, form))
    if (m?.[1] && method === 'GET' && !m[2]) return book.onIntent(m[1], (pi) => ({ status: 200, body: pi }))
    return stripeError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` })
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://fake')
    const path = url.pathname
    const contentType = req.headers['content-type']?.split(';')[0]?.trim()
    const form = Object.fromEntries(new URLSearchParams(raw))
    requests.push({ method: req.method ?? '', path, headers: req.headers, contentType, form })
    const problem = checkRequest(req, contentType)
    if (problem) return send(res, problem)
    if (failures.count > 0) {
      failures.count--
      const type = failures.status === 409 ? 'invalid_request_error' : 'api_error'
      return send(
        res,
        stripeError(failures.status, {
          type,
          code: failures.status === 409 ? 'idempotency_key_in_use' : undefined,
          message: 'Injected failure.',
        }),
      )
    }
    const key = req.method === 'POST' ? String(req.headers['idempotency-key']) : null
    const fingerprint = `${req.method} ${path} ${raw}`
    const seen = key ? replies.get(key) : undefined
    if (seen && seen.fingerprint !== fingerprint) {
      return send(
        res,
        stripeError(400, {
          type: 'idempotency_error',
          message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        }),
      )
    }
    if (seen) return send(res, seen.answer, { 'idempotent-replayed': 'true' })
    const answer = route(req.method ?? '', path, form, url.searchParams)
    // kept as first sent, not as the object is later
    if (key && answer.status < 500)
      replies.set(key, { fingerprint, answer: { status: answer.status, body: JSON.parse(JSON.stringify(answer.body)) } })
    send(res, answer)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, stripeError(500, { type: 'api_error', message: String(e) })))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    book,
    failNext: (count, status) => Object.assign(failures, { count, status }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
