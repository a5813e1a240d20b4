import { randomBytes } from 'node:crypto'

/**
 * PaymentIntents and Refunds as Stripe's API reference describes them, for the calls Crest makes:
 * create (with confirm + capture_method=manual), capture, cancel, and refunds. Answers are the
 * shapes Stripe returns; errors are `{error: {type, code, message, param?, decline_code?}}` with
 * Stripe's statuses (400 invalid request, 402 card error, 404 missing resource).
 */
export type StripeAnswer = { status: number; body: unknown }
type Form = Record<string, string>

export type Intent = {
  id: string
  object: 'payment_intent'
  amount: number
  amount_capturable: number
  amount_received: number
  currency: string
  status: 'requires_capture' | 'requires_action' | 'succeeded' | 'canceled'
  capture_method: 'manual'
  payment_method: string
  metadata: Record<string, string>
  latest_charge: string | null
  created: number
  livemode: false
  cancellation_reason: string | null
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`
export const stripeError = (status: number, error: Record<string, unknown>): StripeAnswer => ({ status, body: { error } })
const invalid = (message: string, extra: Record<string, unknown> = {}) =>
  stripeError(400, { type: 'invalid_request_error', message, ...extra })
const missing = (param: string) => invalid(`Missing required param: ${param}.`, { code: 'parameter_missing', param })
const unknownParams = (form: Form, allowed: RegExp): StripeAnswer | null => {
  const extra = Object.keys(form).find((k) => !allowed.test(k))
  return extra ? invalid(`Received unknown parameter: ${extra}`, { code: 'parameter_unknown', param: extra }) : null
}

const CREATE_PARAMS =
  /^(amount|currency|payment_method|confirm|capture_method|description|return_url|automatic_payment_methods\[(enabled|allow_redirects)\]|payment_method_types\[\d+\]|metadata\[[^\]]+\])$/
const APPROVED = new Set(['pm_card_visa', 'pm_card_mastercard'])
const DECLINES: Record<string, string> = {
  pm_card_chargeDeclined: 'generic_decline',
  pm_card_chargeDeclinedInsufficientFunds: 'insufficient_funds',
}

const checkCreate = (form: Form): StripeAnswer | null => {
  const unknown = unknownParams(form, CREATE_PARAMS)
  if (unknown) return unknown
  for (const p of ['amount', 'currency', 'payment_method', 'confirm', 'capture_method']) if (form[p] === undefined) return missing(p)
  if (!/^\d+$/.test(form.amount ?? '')) return invalid('Invalid integer: amount', { code: 'parameter_invalid_integer', param: 'amount' })
  if (Number(form.amount) < 50) return invalid('Amount must be at least €0.50 eur', { code: 'amount_too_small', param: 'amount' })
  if (!/^[a-z]{3}$/.test(form.currency ?? ''))
    return invalid('Invalid currency: must be a three-letter ISO code, in lowercase', { param: 'currency' })
  if (form.confirm !== 'true') return invalid('This fake expects confirm=true', { param: 'confirm' })
  if (form.capture_method !== 'manual') return invalid('This fake expects capture_method=manual', { param: 'capture_method' })
  const noRedirects = form['automatic_payment_methods[allow_redirects]'] === 'never' || form['payment_method_types[0]'] !== undefined
  if (form.return_url === undefined && !noRedirects) {
    return invalid(
      'This PaymentIntent is configured to accept payment methods enabled in your Dashboard. To confirm it, provide a return_url or set automatic_payment_methods[allow_redirects]=never.',
      { code: 'payment_intent_invalid_parameter' },
    )
  }
  return null
}

const metadataOf = (form: Form): Record<string, string> =>
  Object.fromEntries(Object.entries(form).flatMap(([k, v]) => (k.startsWith('metadata[') ? [[k.slice(9, -1), v]] : [])))

export const createStripeBook = () => {
  const intents = new Map<string, Intent>()
  const refunded = new Map<string, number>()
  const refunds: { id: string; payment_intent: string; amount: number }[] = []
  const now = () => Math.floor(Date.now() / 1000)
  const unexpectedState = (pi: Intent, action: string) =>
    invalid(`You cannot ${action} this PaymentIntent because it has a status of ${pi.status}.`, {
      code: 'payment_intent_unexpected_state',
      payment_intent: pi,
    })

  const createIntent = (form: Form): StripeAnswer => {
    const problem = checkCreate(form)
    if (problem) return problem
    const pm = form.payment_method as string
    const decline = DECLINES[pm]
    if (!APPROVED.has(pm) && !decline && pm !== 'pm_card_authenticationRequired') {
      return invalid(`No such PaymentMethod: '${pm}'`, { code: 'resource_missing', param: 'payment_method' })
    }
    const amount = Number(form.amount)
    const pi: Intent = {
      id: id('pi'),
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: form.currency as string,
      status: 'requires_action',
      capture_method: 'manual',
      payment_method: pm,
      metadata: metadataOf(form),
      latest_charge: null,
      created: now(),
      livemode: false,
      cancellation_reason: null,
    }
    intents.set(pi.id, pi)
    if (decline) {
      return stripeError(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: decline,
        message: 'Your card was declined.',
        payment_intent: { ...pi, status: 'requires_payment_method' },
      })
    }
    if (APPROVED.has(pm)) Object.assign(pi, { status: 'requires_capture', amount_capturable: amount, latest_charge: id('ch') })
    return { status: 200, body: pi }
  }

  /** GET /v1/payment_intents/search: only the `metadata['key']:'value'` clause Crest sends. */
  const search = (query: string): StripeAnswer => {
    const m = /^metadata\['([^']+)'\]:'([^']*)'$/.exec(query)
    if (!m?.[1]) return invalid(`This fake understands only metadata['key']:'value' queries, not: ${query}`, { param: 'query' })
    const [, key, value] = m
    const data = [...intents.values()].filter((pi) => pi.metadata[key as string] === value)
    return { status: 200, body: { object: 'search_result', url: '/v1/payment_intents/search', has_more: false, next_page: null, data } }
  }

  const capture = (pi: Intent, form: Form): StripeAnswer => {
    const unknown = unknownParams(form, /^amount_to_capture$/)
    if (unknown) return unknown
    if (pi.status !== 'requires_capture') return unexpectedState(pi, 'capture')
    const take = form.amount_to_capture === undefined ? pi.amount_capturable : Number(form.amount_to_capture)
    if (!Number.isInteger(take) || take < 1 || take > pi.amount_capturable) {
      return invalid('The amount to capture must be a positive integer no greater than amount_capturable.', {
        code: 'amount_too_large',
        param: 'amount_to_capture',
      })
    }
    Object.assign(pi, { status: 'succeeded', amount_received: take, amount_capturable: 0 })
    return { status: 200, body: pi }
  }

  const cancel = (pi: Intent, form: Form): StripeAnswer => {
    const unknown = unknownParams(form, /^cancellation_reason$/)
    if (unknown) return unknown
    if (pi.status === 'succeeded' || pi.status === 'canceled') return unexpectedState(pi, 'cancel')
    Object.assign(pi, { status: 'canceled', amount_capturable: 0, cancellation_reason: form.cancellation_reason ?? null })
    return { status: 200, body: pi }
  }

  const refund = (form: Form): StripeAnswer => {
    const unknown = unknownParams(form, /^(payment_intent|amount|reason|metadata\[[^\]]+\])$/)
    if (unknown) return unknown
    if (form.payment_intent === undefined) return missing('payment_intent')
    const pi = intents.get(form.payment_intent)
    if (!pi) return invalid(`No such payment_intent: '${form.payment_intent}'`, { code: 'resource_missing', param: 'payment_intent' })
    if (pi.status !== 'succeeded')
      return invalid('This PaymentIntent does not have a successful charge to refund.', { code: 'charge_not_refundable' })
    const left = pi.amount_received - (refunded.get(pi.id) ?? 0)
    if (left === 0) return invalid(`Charge ${pi.latest_charge} has already been refunded.`, { code: 'charge_already_refunded' })
    const amount = form.amount === undefined ? left : Number(form.amount)
    if (!Number.isInteger(amount) || amount < 1 || amount > left) {
      return invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, { param: 'amount' })
    }
    refunded.set(pi.id, (refunded.get(pi.id) ?? 0) + amount)
    const r = {
      id: id('re'),
      object: 'refund',
      amount,
      currency: pi.currency,
      payment_intent: pi.id,
      charge: pi.latest_charge,
      status: 'succeeded',
      created: now(),
    }
    refunds.push({ id: r.id, payment_intent: pi.id, amount })
    return { status: 200, body: r }
  }

  const onIntent = (piId: string, run: (pi: Intent) => StripeAnswer): StripeAnswer => {
    const pi = intents.get(piId)
    return pi
      ? run(pi)
      : stripeError(404, {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: `No such payment_intent: '${piId}'`,
          param: 'intent',
        })
  }

  return { intents, refunds, createIntent, capture, cancel, refund, onIntent, search }
}
