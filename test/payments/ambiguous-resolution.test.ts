import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PaymentsApi } from '../../src/modules/payments/index.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { freePort } from '../support/crest-process.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { eur, paymentsOver, sandboxLedger } from './support.ts'

const TIMEOUT_MS = 400
const fast = { timeoutMs: TIMEOUT_MS, retries: 0, breakerFailures: 100 }

/** Marking and settling ambiguous authorisations (decision 0018) against real sandbox servers and a real database. */
describe.each(engineKinds())('ambiguous authorisations on %s', (engine) => {
  let db: Database
  let slowReply: SandboxPayments // applies at once, answers after the client gave up
  let slowNetwork: SandboxPayments // the caller gives up before the request reaches the bank
  let seq = 0
  const orderId = () => `ord_${engine}_amb_${++seq}`
  const authorize = (api: PaymentsApi, id: string, token = 'tok_ok') =>
    api.authorize({ orderId: id, amount: eur(1500), provider: 'sandbox', token, idempotencyKey: `auth_${id}` })
  const openFor = async (api: PaymentsApi, id: string) =>
    (await api.listAmbiguous({ before: new Date(Date.now() + 1000), limit: 1000 })).filter((a) => a.orderId === id)

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    slowReply = await startSandboxPayments({ port: 0, replyDelayMs: 3 * TIMEOUT_MS })
    slowNetwork = await startSandboxPayments({ port: 0, latencyMs: 3 * TIMEOUT_MS })
  })
  afterAll(async () => {
    await slowReply?.close()
    await slowNetwork?.close()
    await db?.close()
  })

  test('the sandbox lookup by key has no effect: authorised (before its answer is out), in flight, declined, not found', async () => {
    const id = orderId()
    const body = { amount: 700, currency: 'EUR', token: 'tok_ok', reference: id }
    const post = fetch(`${slowReply.url}/v1/authorizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `k_${id}` },
      body: JSON.stringify(body),
    })
    await new Promise((r) => setTimeout(r, 100))
    const look = async (key: string) => {
      const r = await fetch(`${slowReply.url}/v1/authorizations?idempotency_key=${key}`)
      return { status: r.status, body: (await r.json()) as Record<string, unknown> }
    }
    expect(await look(`k_${id}`)).toMatchObject({ status: 200, body: { status: 'authorized', reference: id } }) // applied, answer not out yet
    expect(await look('k_never')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } })
    expect((await post).status).toBe(201)
    expect(await sandboxLedger(slowReply, id)).toEqual(['authorization:700'])
    expect((await fetch(`${slowReply.url}/v1/authorizations`)).status).toBe(400)

    const send = (token: string, key: string) =>
      fetch(`${slowReply.url}/v1/authorizations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ ...body, token }),
      })
    const slow = send('tok_slow', `k_slow_${id}`) // 2 s before the bank acts
    await new Promise((r) => setTimeout(r, 200))
    expect(await look(`k_slow_${id}`)).toMatchObject({ status: 409, body: { error: { code: 'idempotency_in_progress' } } })
    expect((await send('tok_declined', `k_dec_${id}`)).status).toBe(402)
    expect(await look(`k_dec_${id}`)).toMatchObject({ status: 402, body: { error: { code: 'card_declined' } } })
    expect((await slow).status).toBe(201)
    expect(await sandboxLedger(slowReply, id)).toEqual(['authorization:700', 'authorization:700'])
  })

  test('a timed-out authorise is marked ambiguous before failing; the late authorisation is adopted when the order has no payment', async () => {
    const api = paymentsOver(db, { primary: slowReply }, fast)
    const id = orderId()
    expect(await authorize(api, id)).toMatchObject({ ok: false, error: { code: 'PAYMENTS_UNAVAILABLE' } })
    expect((await api.listAttempts(id)).map((a) => a.outcome)).toEqual(['failed', 'ambiguous'])
    const [open] = await openFor(api, id)
    expect(open).toMatchObject({ orderId: id, gateway: 'primary', idempotencyKey: `auth_${id}`, amount: eur(1500) })
    if (!open) return
    expect(await api.resolveAmbiguous({ ...open, adopt: true, notFoundIsFinal: false })).toBe('adopted')
    expect(await api.getPayment(id)).toMatchObject({ gateway: 'primary', status: 'authorized', amount: eur(1500) })
    expect(await openFor(api, id)).toEqual([])
    expect(await sandboxLedger(slowReply, id)).toEqual(['authorization:1500'])
  })

  test('without adoption the late authorisation is voided once, even when the void itself times out and is repeated', async () => {
    const api = paymentsOver(db, { primary: slowReply }, fast)
    const id = orderId()
    await authorize(api, id)
    const [open] = await openFor(api, id)
    if (!open) throw new Error('not marked')
    // this gateway answers every call after the timeout: the void is applied, its answer lost, and
    // repeated with the same key (409 while in flight, then the replay) until it is heard
    const rounds: string[] = []
    for (let i = 0; i < 10 && rounds.at(-1) !== 'voided'; i++) {
      rounds.push(await api.resolveAmbiguous({ ...open, adopt: false, notFoundIsFinal: false }))
      if (rounds.at(-1) !== 'voided') await new Promise((r) => setTimeout(r, 300))
    }
    expect(rounds.at(-1), rounds.join(',')).toBe('voided')
    expect(await openFor(api, id)).toEqual([])
    expect(await api.resolveAmbiguous({ ...open, adopt: false, notFoundIsFinal: false })).toBe('voided') // asked again: nothing more
    expect(await sandboxLedger(slowReply, id)).toEqual(['authorization:1500', 'void:1500'])
    expect(await api.getPayment(id)).toBeNull()
    expect(await api.capture({ orderId: id })).toMatchObject({ ok: false, error: { code: 'PAYMENTS_NOT_FOUND' } })
  })

  test('a request that never reached the bank stays open until not_found is final, then closes', async () => {
    const api = paymentsOver(db, { primary: slowNetwork }, fast)
    const id = orderId()
    await authorize(api, id)
    await new Promise((r) => setTimeout(r, 3 * TIMEOUT_MS + 200))
    const [open] = await openFor(api, id)
    if (!open) throw new Error('not marked')
    expect(await api.resolveAmbiguous({ ...open, adopt: true, notFoundIsFinal: false })).toBe('unresolved')
    expect(await api.resolveAmbiguous({ ...open, adopt: true, notFoundIsFinal: true })).toBe('not_processed')
    expect(await openFor(api, id)).toEqual([])
    expect(await sandboxLedger(slowNetwork, id)).toEqual([])
  })

  test('a refused connection and a 503 are definite: nothing is marked', async () => {
    const closed = { url: `http://127.0.0.1:${await freePort()}` } as SandboxPayments
    const api = paymentsOver(db, { primary: closed }, fast)
    const id = orderId()
    expect(await authorize(api, id)).toMatchObject({ ok: false, error: { code: 'PAYMENTS_UNAVAILABLE' } })
    const quick = await startSandboxPayments({ port: 0 })
    const outage = paymentsOver(db, { primary: quick }, fast)
    const id2 = orderId()
    expect(await authorize(outage, id2, 'tok_error')).toMatchObject({ ok: false })
    expect((await api.listAttempts(id)).map((a) => a.outcome)).toEqual(['failed'])
    expect(await openFor(api, id)).toEqual([])
    expect((await outage.listAttempts(id2)).map((a) => a.outcome)).toEqual(['failed'])
    expect(await openFor(outage, id2)).toEqual([])
    await quick.close()
  })
})
