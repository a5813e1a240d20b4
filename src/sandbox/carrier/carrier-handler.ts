import type { IncomingMessage, ServerResponse } from 'node:http'
import { stoppableSleep } from '../shared/listen-json.ts'
import { type Behaviour, createBehaviour } from './behaviour.ts'
import { createCarrierDepot, type TrackingEvent } from './carrier-depot.ts'
import { fail, readJson, send } from '../shared/http-io.ts'
import { type Answer, canonicalJson, createIdempotencyKeys } from '../shared/idempotency-keys.ts'
import { isCountry, isWeight, MAX_WEIGHT_GRAMS, quoteRates } from './quote-rates.ts'
import { readShipmentRequest } from './shipment-request.ts'

export type HandlerOptions = {
  readonly behaviour: Partial<Behaviour>
  readonly baseUrl: () => string
  readonly onEvent: (e: TrackingEvent) => void
  readonly random?: () => number
}

const SHIPMENT_PATH = /^\/v1\/shipments\/([A-Za-z0-9_-]{1,100})(?:\/(events|label|cancel|return-label))?$/
const ADMIN_PATH = /^\/v1\/admin\/shipments\/([A-Za-z0-9_-]{1,100})\/(advance|exception)$/
const OUTAGE = fail(503, 'carrier_unavailable', 'The sandbox carrier is failing on purpose (failureRate / failNext).')
const LOST = fail(503, 'carrier_unavailable', 'The sandbox carrier did the work but lost the reply on purpose (dropNextReplies).')

const rates = (q: URLSearchParams): Answer => {
  const from = q.get('from')
  const to = q.get('to')
  const weightGrams = Number(q.get('weight_grams'))
  if (!isCountry(from) || !isCountry(to)) return fail(400, 'invalid_request', 'from and to must be upper-case ISO 3166-1 alpha-2 codes')
  if (!isWeight(weightGrams)) return fail(400, 'invalid_request', `weight_grams must be an integer from 1 to ${MAX_WEIGHT_GRAMS}`)
  return { status: 200, body: { rates: quoteRates({ from, to, weightGrams }) } }
}

/** Routes and answers the sandbox carrier's requests; `stop` drops its timers. */
export const createCarrierHandler = (o: HandlerOptions) => {
  const behaviour = createBehaviour(o.behaviour, o.random)
  const depot = createCarrierDepot({ baseUrl: o.baseUrl, timings: () => behaviour.current().timings, onEvent: o.onEvent })
  const keys = createIdempotencyKeys()
  const { sleep, stop: stopSleeping } = stoppableSleep()
  const gone = (req: IncomingMessage, res: ServerResponse) => res.destroyed || req.socket.destroyed

  /** A GET carrier call: outage dice, latency, then the answer (a PDF for labels). */
  const readCall = async (req: IncomingMessage, res: ServerResponse, answer: () => Answer | string) => {
    req.resume()
    if (behaviour.failsNow()) return send(res, OUTAGE)
    await sleep(behaviour.current().latencyMs)
    if (gone(req, res)) return
    const a = answer()
    if (behaviour.dropsReply()) return send(res, LOST)
    if (typeof a !== 'string') return send(res, a)
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(Buffer.byteLength(a, 'latin1')) })
    res.end(Buffer.from(a, 'latin1'))
  }

  /** A POST carrier call: outage dice, body, idempotency key, latency (the key is held meanwhile), the effect. */
  const writeCall = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    operate: (b: Record<string, unknown>, key: string) => Answer,
  ) => {
    if (behaviour.failsNow()) {
      req.resume()
      return send(res, OUTAGE)
    }
    const parsed = await readJson(req)
    if (!parsed.ok) return send(res, parsed.answer)
    const key = req.headers['idempotency-key']
    if (typeof key !== 'string' || key === '' || key.length > 255)
      return send(res, fail(400, 'idempotency_key_required', 'Every POST needs an Idempotency-Key header (1-255 characters).'))
    const claim = keys.claim(key, `${path} ${canonicalJson(parsed.body)}`)
    if (claim.kind === 'replay') return send(res, claim.answer, { 'idempotent-replayed': 'true' })
    if (claim.kind === 'in_flight')
      return send(res, fail(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is in progress.'))
    if (claim.kind === 'mismatch')
      return send(res, fail(409, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.'))
    await sleep(behaviour.current().latencyMs)
    if (gone(req, res)) return keys.release(key) // the caller gave up while we were slow: nothing happened
    let answer = fail(500, 'internal', 'unexpected')
    try {
      answer = operate(parsed.body, key)
    } finally {
      keys.settle(key, answer)
    }
    send(res, behaviour.dropsReply() ? LOST : answer)
  }

  const createShipment = (b: Record<string, unknown>, key: string): Answer => {
    const r = readShipmentRequest(b)
    return typeof r === 'string' ? fail(400, 'invalid_request', r) : depot.create(r, key)
  }

  const shipmentCall = (req: IncomingMessage, res: ServerResponse, url: URL, m: RegExpExecArray) => {
    const [path, id = '', sub] = m
    if (req.method === 'GET' && sub === undefined) return readCall(req, res, () => depot.get(id))
    if (req.method === 'GET' && sub === 'events')
      return readCall(req, res, () => depot.events(id, Number(url.searchParams.get('after') ?? 0) || 0))
    if (req.method === 'GET' && sub === 'label') return readCall(req, res, () => depot.label(id))
    if (req.method === 'POST' && sub === 'cancel') return writeCall(req, res, path, (_b, key) => depot.cancel(id, key))
    if (req.method === 'POST' && sub === 'return-label') return writeCall(req, res, path, (_b, key) => depot.returnLabel(id, key))
    return notFound(req, res)
  }

  const admin = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (req.method === 'GET' && path === '/v1/admin/config') return send(res, { status: 200, body: behaviour.current() })
    const parsed = await readJson(req)
    if (!parsed.ok) return send(res, parsed.answer)
    if (req.method === 'POST' && path === '/v1/admin/config') {
      const problem = behaviour.update(parsed.body)
      if (problem) return send(res, fail(400, 'invalid_request', problem))
      if ('timings' in parsed.body) depot.retime()
      return send(res, { status: 200, body: behaviour.current() })
    }
    const m = ADMIN_PATH.exec(path)
    if (req.method !== 'POST' || !m?.[1] || !m[2]) return send(res, fail(404, 'not_found', `No route ${req.method} ${path}.`))
    const reason = typeof parsed.body.reason === 'string' ? parsed.body.reason.slice(0, 200) : undefined
    send(res, depot.admin(m[1], m[2] as 'advance' | 'exception', reason))
  }

  const notFound = (req: IncomingMessage, res: ServerResponse) => {
    req.resume()
    send(res, fail(404, 'not_found', `No route ${req.method} ${req.url}.`))
  }

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox')
    const path = url.pathname
    if (req.method === 'GET' && path === '/healthz') return send(res, { status: 200, body: { ok: true } })
    if (req.method === 'GET' && path === '/v1/ledger')
      return send(res, { status: 200, body: { entries: depot.ledger(url.searchParams.get('reference')) } })
    if (path.startsWith('/v1/admin/')) return admin(req, res, path)
    if (req.method === 'GET' && path === '/v1/rates') return readCall(req, res, () => rates(url.searchParams))
    if (req.method === 'POST' && path === '/v1/shipments') return writeCall(req, res, path, createShipment)
    const m = SHIPMENT_PATH.exec(path)
    return m ? shipmentCall(req, res, url, m) : notFound(req, res)
  }

  return {
    handle: route,
    webhookUrl: (): string | null => behaviour.current().webhookUrl,
    stop: () => {
      depot.stop()
      stopSleeping()
    },
  }
}
