import { describe, expect, test } from 'vitest'
import type { GatewayAuthorization, PaymentGateway } from '../contract.ts'
import { GatewayError } from '../domain/gateway-error.ts'
import { type FailedTry, guardGateway, type ResilienceSettings } from './guarded-gateway.ts'

const settings: ResilienceSettings = {
  timeoutMs: 200,
  retries: 2,
  breakerFailures: 3,
  breakerHalfOpenMs: 150,
  backoffInitialMs: 5,
  backoffMaxMs: 20,
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A gateway whose authorise answers are scripted, one per call (the last one repeats). */
const scripted = (answers: (() => Promise<GatewayAuthorization>)[]) => {
  let calls = 0
  const gateway: PaymentGateway = {
    name: 'fake',
    provider: 'sandbox',
    authorize: () => {
      const answer = answers[Math.min(calls, answers.length - 1)]
      calls++
      if (!answer) throw new Error('no answer scripted')
      return answer()
    },
    lookup: async () => ({ state: 'not_found' }),
    capture: async () => {},
    void: async () => {},
    refund: async () => {},
    verifyWebhook: async () => null,
  }
  return { gateway, calls: () => calls }
}

const ok = () => Promise.resolve<GatewayAuthorization>({ outcome: 'authorized', gatewayRef: 'auth_1' })
const declined = () => Promise.resolve<GatewayAuthorization>({ outcome: 'declined', reason: 'card_declined' })
const outage = () => Promise.reject(new GatewayError('unavailable', 'http_503'))
const hang = () => new Promise<GatewayAuthorization>(() => {})

const runAuthorize = (g: ReturnType<typeof guardGateway>, tries: FailedTry[] = []) =>
  g.run(
    (signal) => g.gateway.authorize({ amount: { amount: 100, currency: 'EUR' }, token: 't', idempotencyKey: 'k', reference: 'r', signal }),
    async (t) => {
      tries.push(t)
    },
  )

describe('guardGateway: retry, timeout and circuit breaker around one gateway', () => {
  test('a failure is retried with back-off and the failed tries are reported', async () => {
    const fake = scripted([outage, outage, ok])
    const tries: FailedTry[] = []
    const r = await runAuthorize(guardGateway(fake.gateway, 0, settings), tries)
    expect(r.value).toEqual({ outcome: 'authorized', gatewayRef: 'auth_1' })
    expect(fake.calls()).toBe(3)
    expect(tries.map((t) => t.outcome)).toEqual(['failed', 'failed'])
  })

  test('a decline is an answer: no retry, and it does not count against the breaker', async () => {
    const fake = scripted([declined])
    const g = guardGateway(fake.gateway, 0, settings)
    for (let i = 0; i < 5; i++) expect((await runAuthorize(g)).value.outcome).toBe('declined')
    expect(fake.calls()).toBe(5)
    expect(g.status()).toMatchObject({ breaker: 'closed', attempts: 5, failures: 0 })
  })

  test('a refusal (rejected) is neither retried nor counted', async () => {
    const fake = scripted([() => Promise.reject(new GatewayError('rejected', 'invalid_state'))])
    const g = guardGateway(fake.gateway, 0, settings)
    await expect(runAuthorize(g)).rejects.toMatchObject({ kind: 'rejected', reason: 'invalid_state' })
    expect(fake.calls()).toBe(1)
    expect(g.status()).toMatchObject({ breaker: 'closed', failures: 0 })
  })

  test('an idempotency conflict is retried but does not open the breaker', async () => {
    const fake = scripted([() => Promise.reject(new GatewayError('conflict', 'idempotency_in_progress'))])
    const g = guardGateway(fake.gateway, 0, { ...settings, breakerFailures: 1 })
    await expect(runAuthorize(g)).rejects.toMatchObject({ kind: 'conflict' })
    expect(fake.calls()).toBe(3)
    expect(g.status().breaker).toBe('closed')
  })

  test('a call that hangs is abandoned at the timeout, its signal aborted', async () => {
    let aborted = false
    const fake = scripted([hang])
    const g = guardGateway(fake.gateway, 0, { ...settings, retries: 0 })
    const started = Date.now()
    await expect(
      g.run(
        (signal) => {
          signal.addEventListener('abort', () => {
            aborted = true
          })
          return fake.gateway.authorize({ amount: { amount: 1, currency: 'EUR' }, token: 't', idempotencyKey: 'k', reference: 'r' })
        },
        async () => {},
      ),
    ).rejects.toMatchObject({ kind: 'timeout' })
    expect(Date.now() - started).toBeLessThan(settings.timeoutMs + 150)
    expect(aborted).toBe(true)
  })

  test('consecutive failures open the breaker; then calls are refused at once without reaching the gateway', async () => {
    const fake = scripted([outage])
    const g = guardGateway(fake.gateway, 0, settings)
    const tries: FailedTry[] = []
    await expect(runAuthorize(g, tries)).rejects.toMatchObject({ kind: 'unavailable' })
    expect(fake.calls()).toBe(3)
    expect(g.status().breaker).toBe('open')

    const started = performance.now()
    await expect(runAuthorize(g, tries)).rejects.toMatchObject({ reason: 'breaker_open' })
    expect(performance.now() - started).toBeLessThan(20)
    expect(fake.calls()).toBe(3)
    expect(tries.map((t) => t.outcome)).toEqual(['failed', 'failed', 'failed', 'skipped'])
    expect(g.status()).toMatchObject({ breaker: 'open', attempts: 3, failures: 3, skipped: 1, last_error: 'unavailable: http_503' })
  })

  test('after the half-open delay one test call goes through; its success closes the breaker', async () => {
    let down = true
    const fake = scripted([() => (down ? outage() : ok())])
    const g = guardGateway(fake.gateway, 0, { ...settings, retries: 0, breakerFailures: 2 })
    await expect(runAuthorize(g)).rejects.toThrow()
    await expect(runAuthorize(g)).rejects.toThrow()
    expect(g.status().breaker).toBe('open')
    down = false
    await expect(runAuthorize(g)).rejects.toMatchObject({ reason: 'breaker_open' })
    await sleep(settings.breakerHalfOpenMs + 20)
    expect((await runAuthorize(g)).value.outcome).toBe('authorized')
    expect(g.status().breaker).toBe('closed')
  })

  test('a failed test call in half-open opens the breaker again', async () => {
    const fake = scripted([outage])
    const g = guardGateway(fake.gateway, 0, { ...settings, retries: 0, breakerFailures: 1 })
    await expect(runAuthorize(g)).rejects.toThrow()
    await sleep(settings.breakerHalfOpenMs + 20)
    await expect(runAuthorize(g)).rejects.toMatchObject({ reason: 'http_503' })
    expect(fake.calls()).toBe(2)
    expect(g.status().breaker).toBe('open')
  })
})
