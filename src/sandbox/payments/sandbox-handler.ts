import type { IncomingMessage, ServerResponse } from 'node:http'
import { stoppableSleep } from '../shared/listen-json.ts'
import { fail, readJson, send } from '../shared/http-io.ts'
import { type Answer, canonicalJson, createIdempotencyKeys } from '../shared/idempotency-keys.ts'
import { type AuthorizeRequest, createSandboxBank, SLOW_TOKEN_DELAY_MS, tokenBehaviour } from './sandbox-bank.ts'

type Behaviour = { latencyMs: number; failureRate: number }

const AUTH_PATH = /^\/v1\/authorizations\/([A-Za-z0-9_-]{1,100})\/(capture|void|refunds)$/

const isDelay = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 600_000)

const checkBehaviour = (b: Record<string, unknown>): string | null => {
  const { latencyMs, failureRate } = b
  if (!isDelay(latencyMs)) return 'latencyMs must be an integer from 0 to 600000'
  if (failureRate !== undefined && !(typeof failureRate === 'number' && failureRate >= 0 && failureRate <= 1))
    return 'failureRate must be from 0 to 1'
  return null
}

type HandlerOptions = {
  readonly latencyMs?: number
  readonly failureRate?: number
  readonly replyDelayMs?: number
  readonly random?: () => number
}

/** Routes and answers the sandbox's requests; `stop` drops the timers of requests still waiting. */
export const createSandboxHandler = (o: HandlerOptions) => {
  const behaviour: Behaviour = { latencyMs: o.latencyMs ?? 0, failureRate: o.failureRate ?? 0 }
  const replyDelayMs = o.replyDelayMs ?? 0
  const invalid = checkBehaviour(behaviour) ?? (isDelay(replyDelayMs) ? null : 'replyDelayMs must be an integer from 0 to 600000')
  if (invalid) throw new RangeError(`sandbox payments: ${invalid}`)
  const random = o.random ?? Math.random
  const bank = createSandboxBank()
  const keys = createIdempotencyKeys()
  const { sleep, stop: stopSleeping } = stoppableSleep()

  /** The payment operation itself, once the key is claimed. */
  const operate = async (path: string, body: Record<string, unknown>, key: string): Promise<Answer> => {
    if (path === '/v1/authorizations') {
      const problem = bank.checkAuthorize(body as AuthorizeRequest)
      if (problem) return problem
      const req = body as { amount: number; currency: string; token: string; reference: string }
      const kind = tokenBehaviour(req.token)
      if (kind === 'slow') await sleep(SLOW_TOKEN_DELAY_MS)
      if (kind === 'decline') return fail(402, 'card_declined', 'The card was declined.')
      if (kind === 'invalid') return fail(402, 'invalid_token', 'The payment token is not known.')
      if (kind === 'outage') return fail(503, 'provider_unavailable', 'The card network is unavailable.')
      return bank.authorize(req, key)
    }
    const m = AUTH_PATH.exec(path)
    if (!m?.[1]) return fail(404, 'not_found', `No route ${path}.`)
    if (m[2] === 'capture') return bank.capture(m[1], body.amount, key)
    if (m[2] === 'void') return bank.void(m[1], key)
    return bank.refund(m[1], body.amount, key)
  }

  /**
   * A payment call: outage dice, latency (a caller that gives up meanwhile never reaches the bank),
   * body, idempotency key, the operation, then the reply delay (the effect stays applied even if the
   * caller gives up or dies meanwhile; until the answer is out, the key is in flight).
   */
  const paymentCall = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (random() < behaviour.failureRate) {
      req.resume()
      return send(res, fail(503, 'provider_unavailable', 'The sandbox is failing on purpose (failureRate).'))
    }
    await sleep(behaviour.latencyMs)
    if (res.destroyed || req.socket.destroyed) return // the caller gave up while we were slow: the call never reached the bank
    const parsed = await readJson(req)
    if (!parsed.ok) return send(res, parsed.answer)
    const key = req.headers['idempotency-key']
    if (typeof key !== 'string' || key === '' || key.length > 255) {
      return send(res, fail(400, 'idempotency_key_required', 'Every POST needs an Idempotency-Key header (1-255 characters).'))
    }
    const claim = keys.claim(key, `${path} ${canonicalJson(parsed.body)}`)
    if (claim.kind === 'replay') return send(res, claim.answer, { 'idempotent-replayed': 'true' })
    if (claim.kind === 'in_flight')
      return send(res, fail(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is in progress.'))
    if (claim.kind === 'mismatch')
      return send(res, fail(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.'))
    let answer: Answer = fail(500, 'internal', 'unexpected')
    try {
      answer = await operate(path, parsed.body, key)
      await sleep(replyDelayMs)
    } finally {
      keys.settle(key, answer)
    }
    send(res, answer)
  }

  /** POST /v1/admin/config: change latency and failure rate at run time (failover tests, demos). */
  const changeBehaviour = async (req: IncomingMessage, res: ServerResponse) => {
    const parsed = await readJson(req)
    if (!parsed.ok) return send(res, parsed.answer)
    const problem = checkBehaviour(parsed.body)
    if (problem) return send(res, fail(400, 'invalid_request', problem))
    if (typeof parsed.body.latencyMs === 'number') behaviour.latencyMs = parsed.body.latencyMs
    if (typeof parsed.body.failureRate === 'number') behaviour.failureRate = parsed.body.failureRate
    send(res, { status: 200, body: behaviour })
  }

  /**
   * GET /v1/authorizations?idempotency_key=K: what a POST /v1/authorizations under K came to, with
   * no effect (no key claimed): 200 the authorisation as it stands now, 402 the decline it got,
   * 409 `idempotency_in_progress` while it is being processed, 404 `not_found` when none arrived.
   */
  const lookupByKey = (res: ServerResponse, key: string | null) => {
    if (!key || key.length > 255) return send(res, fail(400, 'invalid_request', 'idempotency_key is required (1-255 characters).'))
    const found = bank.findByKey(key)
    if (found) return send(res, found)
    const k = keys.peek(key)
    if (k.kind === 'in_flight')
      return send(res, fail(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is in progress.'))
    if (k.kind === 'answered' && k.answer.status === 402) return send(res, k.answer)
    send(res, fail(404, 'not_found', 'No authorization was made with this Idempotency-Key.'))
  }

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox')
    const path = url.pathname
    if (req.method === 'GET' && path === '/healthz') return send(res, { status: 200, body: { ok: true } })
    if (req.method === 'GET' && path === '/v1/ledger') {
      const ref = url.searchParams.get('reference')
      return send(res, { status: 200, body: { entries: bank.ledger().filter((e) => ref === null || e.reference === ref) } })
    }
    if (req.method === 'GET' && path === '/v1/authorizations') return lookupByKey(res, url.searchParams.get('idempotency_key'))
    if (path === '/v1/admin/config' && req.method === 'GET') return send(res, { status: 200, body: behaviour })
    if (path === '/v1/admin/config' && req.method === 'POST') return changeBehaviour(req, res)
    if (req.method === 'POST' && (path === '/v1/authorizations' || AUTH_PATH.test(path))) return paymentCall(req, res, path)
    req.resume()
    send(res, fail(404, 'not_found', `No route ${req.method} ${path}.`))
  }

  return {
    handle: route,
    stop: () => {
      stopSleeping()
    },
  }
}
