import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SandboxPaymentsProcess, startSandboxPaymentsProcess } from '../support/sandbox-payments-process.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { cartWith, checkout, firstVariant, stockExactly } from './shop.ts'

type Entry = { type: string; reference: string; authorization_id: string; idempotency_key: string }
const ledger = async (url: string): Promise<Entry[]> =>
  ((await (await fetch(`${url}/v1/ledger`, { signal: AbortSignal.timeout(5000) })).json()) as { entries: Entry[] }).entries

/** Per order: authorisations not voided, across every gateway's own ledger. */
const liveAuthorisations = async (urls: string[]) => {
  const live = new Map<string, number>()
  for (const url of urls) {
    const entries = await ledger(url)
    const voided = new Set(entries.filter((e) => e.type === 'void').map((e) => e.authorization_id))
    for (const e of entries)
      if (e.type === 'authorization' && !voided.has(e.authorization_id)) live.set(e.reference, (live.get(e.reference) ?? 0) + 1)
  }
  return live
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const TIMEOUT_MS = 700
const ORDERS = 6

/**
 * The chaos finding (docs/resilience.md): the primary gateway process is SIGSTOPped, its kernel
 * still accepts connections, Crest's authorise times out (ambiguous) and fails over to the backup;
 * on SIGCONT the primary processes the buffered requests and authorises too. The recovery job
 * (decision 0018) must leave every order with exactly one live authorisation, voiding each late
 * one at the primary exactly once.
 */
describe.each(engineKinds())('%s: ambiguous authorisations after a frozen primary', (engine) => {
  let t: TestApp
  let primary: SandboxPaymentsProcess
  let backup: SandboxPaymentsProcess
  let variantId: string

  beforeAll(async () => {
    primary = await startSandboxPaymentsProcess()
    backup = await startSandboxPaymentsProcess()
    t = await startTestApp({
      engine,
      seedProducts: 3,
      env: {
        PAYMENT_GATEWAYS: `primary=sandbox@${primary.url},backup=sandbox@${backup.url}`,
        PAYMENT_BREAKER_FAILURES: '3',
        PAYMENT_RETRIES: '0',
        PAYMENT_TIMEOUT_MS: String(TIMEOUT_MS),
        PAYMENT_BREAKER_HALF_OPEN_MS: '600000',
        PAYMENT_RECONCILE_AFTER_SECONDS: '1',
      },
    })
    variantId = await firstVariant(t)
    await stockExactly(t, variantId, 100)
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await primary?.stop()
    await backup?.stop()
  })

  test('checkouts succeed via the backup; recovery voids every late primary authorisation once', async () => {
    const warm = await checkout(t, await cartWith(t, variantId))
    expect(warm.status, JSON.stringify(warm.body)).toBe(201)
    const carts = []
    for (let i = 0; i < ORDERS; i++) carts.push(await cartWith(t, variantId))

    primary.signal('SIGSTOP')
    const orders: string[] = []
    try {
      for (const c of carts) {
        const r = await checkout(t, c)
        expect(r.status, JSON.stringify(r.body)).toBe(201)
        orders.push(r.body.order.id as string)
      }
    } finally {
      primary.signal('SIGCONT')
    }
    const pay = t.modules.payments
    for (const id of orders) expect((await pay.getPayment(id))?.gateway).toBe('backup')
    // the first three timed out at the primary (then its breaker opened): each is marked ambiguous
    const marked = orders.slice(0, 3)
    for (const id of marked) {
      expect((await pay.listAttempts(id)).map((a) => `${a.gateway}:${a.outcome}`)).toEqual([
        'primary:failed',
        'primary:ambiguous',
        'backup:succeeded',
      ])
    }
    for (const id of orders.slice(3)) {
      expect((await pay.listAttempts(id)).map((a) => `${a.gateway}:${a.outcome}`)).toEqual(['primary:skipped', 'backup:succeeded'])
    }

    // the resumed primary works through what its kernel buffered: the late authorisations land
    let late: Entry[] = []
    for (let i = 0; i < 50 && late.length < marked.length; i++) {
      await sleep(100)
      late = (await ledger(primary.url)).filter((e) => e.type === 'authorization' && marked.includes(e.reference))
    }
    expect(late.map((e) => e.reference).sort(), 'the frozen primary authorised late (the bug reproduced)').toEqual([...marked].sort())
    const before = await liveAuthorisations([primary.url, backup.url])
    expect(marked.map((id) => before.get(id))).toEqual([2, 2, 2])

    await sleep(1100) // past PAYMENT_RECONCILE_AFTER_SECONDS: no checkout waits on those attempts any more
    const first = await t.modules.checkout.recoverAmbiguousPayments()
    expect(first).toMatchObject({ voided: 3, adopted: 0, unresolved: 0 })
    const again = await t.modules.checkout.recoverAmbiguousPayments()
    expect(again).toEqual({ unresolved: 0, not_processed: 0, declined: 0, live: 0, adopted: 0, voided: 0 })

    const after = await liveAuthorisations([primary.url, backup.url])
    for (const id of [warm.body.order.id as string, ...orders]) expect(after.get(id), id).toBe(1)
    const voids = (await ledger(primary.url)).filter((e) => e.type === 'void')
    for (const auth of late)
      expect(
        voids.filter((v) => v.authorization_id === auth.authorization_id),
        auth.reference,
      ).toHaveLength(1)
    for (const id of marked) {
      expect((await pay.listAttempts(id)).map((a) => `${a.gateway}:${a.operation}:${a.outcome}`).slice(2)).toEqual([
        'backup:authorize:succeeded',
        'primary:void:succeeded',
        'primary:authorize:resolved',
      ])
      // the order's own payment, at the backup, is untouched and can still be captured
      expect(await pay.getPayment(id)).toMatchObject({ gateway: 'backup', status: 'authorized' })
      expect((await pay.capture({ orderId: id })).ok).toBe(true)
    }
  }, 90_000)
})
