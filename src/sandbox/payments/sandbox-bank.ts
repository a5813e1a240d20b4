import { randomBytes } from 'node:crypto'
import { fail } from '../shared/http-io.ts'
import type { Answer } from '../shared/idempotency-keys.ts'

/** The test tokens (API.md): what each one does. */
export const SLOW_TOKEN_DELAY_MS = 2000
export type TokenBehaviour = 'authorize' | 'decline' | 'slow' | 'outage' | 'invalid'
export const tokenBehaviour = (token: string): TokenBehaviour => {
  switch (token) {
    case 'tok_ok':
      return 'authorize'
    case 'tok_declined':
      return 'decline'
    case 'tok_slow':
      return 'slow'
    case 'tok_error':
      return 'outage'
    default:
      return 'invalid'
  }
}

type Authorization = {
  readonly id: string
  readonly amount: number
  readonly currency: string
  readonly reference: string
  status: 'authorized' | 'captured' | 'voided' | 'refunded'
  captured: number
  refunded: number
}

/** One effect the sandbox actually applied (replays add none). */
export type LedgerEntry = {
  readonly seq: number
  readonly type: 'authorization' | 'capture' | 'void' | 'refund'
  readonly id: string
  readonly authorization_id: string
  readonly reference: string
  readonly amount: number
  readonly currency: string
  readonly idempotency_key: string
  readonly at: string
}

const newRef = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`
const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0

const view = (a: Authorization) => ({
  id: a.id,
  object: 'authorization',
  status: a.status,
  amount: a.amount,
  currency: a.currency,
  reference: a.reference,
  captured_amount: a.captured,
  refunded_amount: a.refunded,
})

export type AuthorizeRequest = { amount?: unknown; currency?: unknown; token?: unknown; reference?: unknown }

/** The sandbox's books: authorisations and the ledger of applied effects, in memory. */
export const createSandboxBank = () => {
  const auths = new Map<string, Authorization>()
  const ledger: LedgerEntry[] = []
  const record = (type: LedgerEntry['type'], a: Authorization, id: string, amount: number, key: string) =>
    ledger.push({
      seq: ledger.length + 1,
      type,
      id,
      authorization_id: a.id,
      reference: a.reference,
      amount,
      currency: a.currency,
      idempotency_key: key,
      at: new Date().toISOString(),
    })
  const find = (id: string): Authorization | Answer => auths.get(id) ?? fail(404, 'not_found', `No authorization ${id}.`)
  const isAnswer = (x: Authorization | Answer): x is Answer => 'status' in x && 'body' in x

  return {
    ledger: (): readonly LedgerEntry[] => ledger,

    /** The authorisation an idempotency key created, as it stands now (voided since, captured…). */
    findByKey: (key: string): Answer | null => {
      const e = ledger.find((x) => x.type === 'authorization' && x.idempotency_key === key)
      const a = e ? auths.get(e.authorization_id) : undefined
      return a ? { status: 200, body: view(a) } : null
    },

    /** Validates an authorisation request; null when it is well formed. */
    checkAuthorize: (b: AuthorizeRequest): Answer | null => {
      if (!isAmount(b.amount)) return fail(400, 'invalid_request', 'amount must be a positive integer in minor units')
      if (typeof b.currency !== 'string' || !/^[A-Z]{3}$/.test(b.currency))
        return fail(400, 'invalid_request', 'currency must be an upper-case ISO 4217 code')
      if (typeof b.token !== 'string' || b.token === '') return fail(400, 'invalid_request', 'token is required')
      if (typeof b.reference !== 'string' || b.reference === '' || b.reference.length > 200)
        return fail(400, 'invalid_request', 'reference is required (at most 200 characters)')
      return null
    },

    authorize: (b: { amount: number; currency: string; reference: string }, key: string): Answer => {
      const a: Authorization = {
        id: newRef('auth'),
        amount: b.amount,
        currency: b.currency,
        reference: b.reference,
        status: 'authorized',
        captured: 0,
        refunded: 0,
      }
      auths.set(a.id, a)
      record('authorization', a, a.id, a.amount, key)
      return { status: 201, body: view(a) }
    },

    capture: (id: string, amount: unknown, key: string): Answer => {
      const a = find(id)
      if (isAnswer(a)) return a
      const take = amount === undefined ? a.amount : amount
      if (!isAmount(take)) return fail(400, 'invalid_request', 'amount must be a positive integer in minor units')
      if (a.status !== 'authorized') return fail(409, 'invalid_state', `The authorization is ${a.status}.`)
      if (take > a.amount) return fail(422, 'amount_exceeds_authorized', `At most ${a.amount} can be captured.`)
      a.status = 'captured'
      a.captured = take
      record('capture', a, newRef('cap'), take, key)
      return { status: 200, body: view(a) }
    },

    void: (id: string, key: string): Answer => {
      const a = find(id)
      if (isAnswer(a)) return a
      if (a.status !== 'authorized') return fail(409, 'invalid_state', `The authorization is ${a.status}.`)
      a.status = 'voided'
      record('void', a, newRef('void'), a.amount, key)
      return { status: 200, body: view(a) }
    },

    refund: (id: string, amount: unknown, key: string): Answer => {
      const a = find(id)
      if (isAnswer(a)) return a
      if (!isAmount(amount)) return fail(400, 'invalid_request', 'amount must be a positive integer in minor units')
      if (a.status !== 'captured') return fail(409, 'invalid_state', `The authorization is ${a.status}.`)
      if (amount > a.captured - a.refunded)
        return fail(422, 'amount_exceeds_captured', `At most ${a.captured - a.refunded} can be refunded.`)
      a.refunded += amount
      if (a.refunded === a.captured) a.status = 'refunded'
      const refundId = newRef('re')
      record('refund', a, refundId, amount, key)
      return {
        status: 201,
        body: { id: refundId, object: 'refund', authorization_id: a.id, amount, currency: a.currency, status: 'succeeded' },
      }
    },
  }
}
