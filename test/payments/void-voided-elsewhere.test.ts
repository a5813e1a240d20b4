import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PaymentsApi } from '../../src/modules/payments/index.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { eur, paymentsOver, sandboxLedger } from './support.ts'

/**
 * A void the gateway refuses because the authorisation is voided already: the recovery of an
 * ambiguous attempt voids a late authorisation under its own key while reconciliation records the
 * same authorisation as the order's payment (found by the crash tests). The payment must end voided
 * in Crest too, not refused on every round; any other refusal stays a refusal.
 */
describe.each(engineKinds())('a void of an authorisation voided elsewhere, on %s', (engine) => {
  let db: Database
  let sandbox: SandboxPayments
  let api: PaymentsApi
  let seq = 0
  const orderId = () => `ord_${engine}_vve_${++seq}`
  const atSandbox = async (path: string, key: string, body: object = {}) =>
    (
      await fetch(`${sandbox.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      })
    ).status

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    sandbox = await startSandboxPayments({ port: 0 })
    api = paymentsOver(db, { sandbox })
  })
  afterAll(async () => {
    await sandbox?.close()
    await db?.close()
  })

  const authorised = async (id: string) => {
    const r = await api.authorize({ orderId: id, amount: eur(1500), provider: 'sandbox', token: 'tok_ok', idempotencyKey: `auth_${id}` })
    if (!r.ok) throw new Error(r.error.message)
    return r.value.gatewayRef
  }

  test('voided at the gateway under another key: the void succeeds and the payment is voided, with no second void', async () => {
    const id = orderId()
    const ref = await authorised(id)
    expect(await atSandbox(`/v1/authorizations/${ref}/void`, `void_amb_sandbox_auth_${id}`)).toBe(200)

    expect(await api.void({ orderId: id })).toEqual({ ok: true, value: null })
    expect((await api.getPayment(id))?.status).toBe('voided')
    expect(await sandboxLedger(sandbox, id)).toEqual(['authorization:1500', 'void:1500'])
    const voids = (await api.listAttempts(id)).filter((a) => a.operation === 'void').map((a) => a.outcome)
    expect(voids).toEqual(['failed', 'resolved'])
    // asked again: nothing more at the gateway
    expect(await api.void({ orderId: id })).toEqual({ ok: true, value: null })
    expect(await sandboxLedger(sandbox, id)).toEqual(['authorization:1500', 'void:1500'])
  })

  test('captured at the gateway behind our back: the void is still refused and the payment stays as it was', async () => {
    const id = orderId()
    const ref = await authorised(id)
    expect(await atSandbox(`/v1/authorizations/${ref}/capture`, `cap_elsewhere_${id}`)).toBe(200)

    const r = await api.void({ orderId: id })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('PAYMENTS_GATEWAY_REJECTED')
    expect((await api.getPayment(id))?.status).toBe('authorized')
    expect(await sandboxLedger(sandbox, id)).toEqual(['authorization:1500', 'capture:1500'])
  })
})
