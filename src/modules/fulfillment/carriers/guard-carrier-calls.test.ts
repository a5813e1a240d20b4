import { describe, expect, test } from 'vitest'
import { carrierError } from './carrier-errors.ts'
import { CarrierFailure, type CarrierResilience, guardCarrierCalls } from './guard-carrier-calls.ts'

const settings: CarrierResilience = {
  timeoutMs: 100,
  retries: 2,
  backoffInitialMs: 5,
  backoffMaxMs: 20,
  breakerFailures: 3,
  breakerHalfOpenMs: 100,
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const outage = () => Promise.reject(new CarrierFailure(carrierError('FULFILLMENT_CARRIER_UNAVAILABLE', 'sbx', 'http_503')))
const refusal = () => Promise.reject(new CarrierFailure(carrierError('FULFILLMENT_CARRIER_REJECTED', 'sbx', 'invalid_request')))
const busy = () => Promise.reject(new CarrierFailure(carrierError('FULFILLMENT_CARRIER_IN_PROGRESS', 'sbx', 'idempotency_in_progress')))

/** A call whose answers are scripted, one per try (the last one repeats). */
const scripted = (answers: (() => Promise<string>)[]) => {
  let calls = 0
  const call = () => (answers[Math.min(calls++, answers.length - 1)] ?? outage)()
  return { call, calls: () => calls }
}

describe('guardCarrierCalls: timeout, breaker, retries for idempotent calls only', () => {
  test('an idempotent call is retried through outages', async () => {
    const s = scripted([outage, outage, () => Promise.resolve('ok')])
    expect(await guardCarrierCalls('sbx', settings).run(true, s.call)).toEqual({ ok: true, value: 'ok' })
    expect(s.calls()).toBe(3)
  })

  test('a call that is not idempotent is tried once', async () => {
    const s = scripted([outage, () => Promise.resolve('ok')])
    expect(await guardCarrierCalls('sbx', settings).run(false, s.call)).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_CARRIER_UNAVAILABLE' },
    })
    expect(s.calls()).toBe(1)
  })

  test('a refusal is not retried and does not count against the breaker', async () => {
    const g = guardCarrierCalls('sbx', { ...settings, breakerFailures: 1 })
    const s = scripted([refusal])
    expect(await g.run(true, s.call)).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_CARRIER_REJECTED', reason: 'invalid_request' },
    })
    expect(s.calls()).toBe(1)
    expect(g.status()).toMatchObject({ breaker: 'closed', failures: 0 })
  })

  test('an in-progress conflict is retried but never opens the breaker', async () => {
    const g = guardCarrierCalls('sbx', { ...settings, breakerFailures: 1 })
    const s = scripted([busy])
    expect(await g.run(true, s.call)).toMatchObject({ ok: false, error: { code: 'FULFILLMENT_CARRIER_IN_PROGRESS' } })
    expect(s.calls()).toBe(3)
    expect(g.status().breaker).toBe('closed')
  })

  test('a hanging try is abandoned at the timeout with its signal aborted', async () => {
    let aborted = false
    const g = guardCarrierCalls('sbx', { ...settings, retries: 0 })
    const started = performance.now()
    const r = await g.run(true, (signal) => {
      signal.addEventListener('abort', () => {
        aborted = true
      })
      return new Promise<string>(() => {})
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'FULFILLMENT_CARRIER_TIMEOUT', reason: 'timeout' } })
    expect(performance.now() - started).toBeLessThan(settings.timeoutMs + 100)
    expect(aborted).toBe(true)
  })

  test('consecutive outages open the breaker; then calls are refused without being made; half-open lets one through', async () => {
    const g = guardCarrierCalls('sbx', settings)
    let down = true
    const s = scripted([() => (down ? outage() : Promise.resolve('back'))])
    expect(await g.run(true, s.call)).toMatchObject({ ok: false, error: { code: 'FULFILLMENT_CARRIER_UNAVAILABLE' } })
    expect(g.status()).toMatchObject({ breaker: 'open', attempts: 3, failures: 3 })
    expect(await g.run(true, s.call)).toMatchObject({ ok: false, error: { code: 'FULFILLMENT_CARRIER_CIRCUIT_OPEN' } })
    expect(s.calls()).toBe(3)
    expect(g.status()).toMatchObject({ skipped: 1, lastError: 'Carrier sbx: http_503' })
    down = false
    await sleep(settings.breakerHalfOpenMs + 20)
    expect(await g.run(true, s.call)).toEqual({ ok: true, value: 'back' })
    expect(g.status().breaker).toBe('closed')
  })

  test('anything else a call throws is an outage, as a value', async () => {
    const r = await guardCarrierCalls('sbx', { ...settings, retries: 0 }).run(true, () => Promise.reject(new TypeError('boom')))
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_CARRIER_UNAVAILABLE', reason: 'unexpected', message: 'Carrier sbx: boom' },
    })
  })
})
