import { classifyAnswer, type Outcome, retryAfterSeconds } from './classify-answer.ts'
import type { HttpClient, Reply } from './http-client.ts'

export type CallContext = {
  readonly http: HttpClient
  /** seconds since the run started */
  readonly now: () => number
  readonly phase: () => string
  readonly report: (a: { request: string; ms: number; reply: Reply; outcome: Outcome }) => void
  readonly onRetry: () => void
  readonly onGiveUp: () => void
  /** shed answers are retried after Retry-After at most this many times per request */
  readonly maxRetries: number
  /** no retry waits past this moment (seconds since the start): the run is ending */
  readonly retryUntil: () => number
  readonly sleep: (ms: number) => Promise<void>
  readonly random: () => number
  /** one shopper's waiting-room ticket or pass, sent back as `X-Queue-Token` on each later request */
  readonly session?: { queueToken?: string }
}

export type CallResult = { readonly reply: Reply; readonly outcome: Outcome }

const RETRY_AFTER_CAP_S = 10
/** a shopper in the waiting room's line refreshes until admitted (still bounded, and never past the run's end) */
const MAX_QUEUE_REFRESHES = 60

/**
 * One request as a shopper's browser makes it: answered 429/503 with Retry-After, the shopper
 * waits as told (jittered ±25 %, capped at 10 s) and tries again, a bounded number of times. A
 * waiting-room ticket or pass the store hands out is kept and sent back, as an app would.
 */
export const call = async (
  c: CallContext,
  request: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<CallResult> => {
  for (let attempt = 0, refreshes = 0; ; ) {
    const token = c.session?.queueToken
    const reply = await c.http.send(method, path, body, token ? { ...headers, 'x-queue-token': token } : headers)
    if (reply.queueToken && c.session) c.session.queueToken = reply.queueToken
    const outcome = classifyAnswer(reply)
    c.report({ request, ms: reply.ms, reply, outcome })
    if (outcome !== 'shed') return { reply, outcome }
    const queued = reply.code === 'queued'
    const bounded = queued ? refreshes++ >= MAX_QUEUE_REFRESHES : attempt++ >= c.maxRetries
    const waitS = retryAfterSeconds(reply.retryAfter, Date.now(), RETRY_AFTER_CAP_S) ?? 1
    const waitMs = waitS * 1000 * (0.75 + 0.5 * c.random())
    if (bounded || c.now() + waitMs / 1000 > c.retryUntil()) {
      c.onGiveUp()
      return { reply, outcome }
    }
    c.onRetry()
    await c.sleep(waitMs)
  }
}
