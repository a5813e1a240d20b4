import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { type LedgerEntry, type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { crest, type ServeProcess, startServe } from '../support/crest-process.ts'
import type { TestApp } from '../support/start-app.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { address, cartWith } from './shop.ts'

// biome-ignore lint/suspicious/noExplicitAny: response JSON, asserted field by field in tests
type Json = any
const QTY = 2
const PASSWORD = 'correct horse battery'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `read` until `done` holds; fails with the last value once `ms` have passed. */
const until = async <T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, ms: number): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await read()
    if (done(v)) return v
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`)
    await sleep(100)
  }
}

const ledgerOf = async (s: SandboxPayments): Promise<LedgerEntry[]> =>
  ((await (await fetch(`${s.url}/v1/ledger`)).json()) as { entries: LedgerEntry[] }).entries

/** What a merchant sees through the admin API of one running process. */
const adminOf = async (url: string, email: string) => {
  const login = await fetch(`${url}/admin/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  expect(login.status).toBe(200)
  const { token } = (await login.json()) as { token: string }
  const call = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const r = await fetch(`${url}/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
    return r.json()
  }
  return {
    setOnHand: (variantId: string, onHand: number) => call('PUT', `/inventory/${variantId}`, { on_hand: onHand }),
    stock: async (variantId: string) => {
      const { levels } = (await call('GET', `/inventory/${variantId}`)) as { levels: { on_hand: number; reserved: number }[] }
      return { on_hand: levels.reduce((n, l) => n + l.on_hand, 0), reserved: levels.reduce((n, l) => n + l.reserved, 0) }
    },
    orderOf: async (buyer: string) => ((await call('GET', `/orders?email=${encodeURIComponent(buyer)}`)).orders as Json[])[0],
    payment: async (orderId: string) => (await call('GET', `/payments/orders/${orderId}`)).payment,
  }
}

/**
 * A real `crest serve` process, a real sandbox gateway that applies each call at once and answers
 * `replyDelayMs` later, and a checkout: the process is SIGKILLed after the gateway authorised and
 * before its answer reached Crest. A second process on the same database must then recover.
 */
describe.each(engineKinds())('%s: a crash after the gateway authorised, before Crest recorded it', (engine) => {
  let store: { env: Record<string, string>; close: () => Promise<void> }
  const staff = `staff-${randomUUID().slice(0, 8)}@example.test`
  let sandbox: SandboxPayments | undefined
  const serves: ServeProcess[] = []

  beforeAll(async () => {
    if (engine === 'postgres') {
      const db = await createTestDatabase('postgres')
      store = { env: { DATABASE_URL: db.url as string }, close: db.close }
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'crest-crash-'))
      store = { env: { DATABASE_URL: '', DATA_DIR: dir }, close: async () => rmSync(dir, { recursive: true, force: true }) }
    }
    await crest(['seed', '--products', '5'], store.env)
    await crest(['user', 'create', '--email', staff, '--password', PASSWORD, '--role', 'owner'], store.env)
  }, 180_000)
  afterEach(async () => {
    for (const s of serves.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop()
    await sandbox?.close()
  })
  afterAll(() => store?.close())

  /** Starts the gateway and a first process, checks out QTY units, and kills the process mid-payment. */
  const crashAfterAuthorise = async (o: { replyDelayMs: number; env: Record<string, string>; restartAfterAnswer?: boolean }) => {
    sandbox = await startSandboxPayments({ port: 0, replyDelayMs: o.replyDelayMs })
    const env = {
      ...store.env,
      // the killed process's job leases run out 2 s after the kill (default 15 s): the second process's
      // sweeps start then, unless a test says otherwise
      JOB_LEASE_MIN_MS: '2000',
      ...o.env,
      PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`,
      SANDBOX_PAYMENTS_PORT: '0',
      LOG_LEVEL: 'warn',
    }
    const first = await startServe(env)
    serves.push(first)
    const admin = await adminOf(first.url, staff)
    const page = (await (await fetch(`${first.url}/store/products?limit=5`)).json()) as Json
    const variantId = page.products[0].variants[0].id as string
    await admin.setOnHand(variantId, 10)
    const before = await admin.stock(variantId)
    const buyer = `buyer-${randomUUID().slice(0, 8)}@example.test`
    const c = await cartWith({ url: first.url } as TestApp, variantId, QTY)
    const answer = fetch(`${first.url}/store/carts/${c.cartId}/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: buyer,
        shipping_address: address,
        shipping_option_id: c.shippingOptionId,
        payment: { provider: 'sandbox', token: 'tok_ok' },
      }),
    }).then(
      (r) => r.status,
      (e: unknown) => e,
    )

    const [auth] = await until(
      'the gateway authorises',
      () => ledgerOf(sandbox as SandboxPayments),
      (l) => l.length > 0,
      10_000,
    )
    const orderId = auth?.reference as string
    expect(await admin.orderOf(buyer)).toMatchObject({ id: orderId, status: 'pending', payment_status: 'pending' })
    first.child.kill('SIGKILL')
    const killedAt = Date.now()
    expect(killedAt - Date.parse(auth?.at as string), 'killed before the gateway answered').toBeLessThan(o.replyDelayMs)
    expect(await answer, 'the shopper never got an answer').toBeInstanceOf(Error)
    expect(auth).toMatchObject({ type: 'authorization', idempotency_key: `auth_${orderId}` })

    const authAt = Date.parse(auth?.at as string)
    // the killed process may die before its first job tick and hold no lease: then only this wait
    // keeps the second process's sweeps after the gateway's answer
    if (o.restartAfterAnswer) await new Promise((r) => setTimeout(r, Math.max(0, authAt + o.replyDelayMs + 200 - Date.now())))
    const second = await startServe(env)
    serves.push(second)
    return { admin: await adminOf(second.url, staff), variantId, before, buyer, orderId, authId: auth?.id as string, authAt }
  }

  const ledgerFor = async (orderId: string) =>
    (await ledgerOf(sandbox as SandboxPayments)).filter((e) => e.reference === orderId).map((e) => `${e.type}:${e.authorization_id}`)

  test('reconciliation: the restarted process gets the same authorisation back and places the order', async () => {
    const c = await crashAfterAuthorise({
      replyDelayMs: 4000,
      env: { RESERVATION_TTL_SECONDS: '600', PAYMENT_RECONCILE_AFTER_SECONDS: '1', PAYMENT_RECOVERY_INTERVAL_MS: '500' },
    })
    const order = await until(
      'the order settles',
      () => c.admin.orderOf(c.buyer),
      (o) => o.status !== 'pending',
      40_000,
    )
    expect(order).toMatchObject({ id: c.orderId, status: 'placed', payment_status: 'authorized' })
    expect(await c.admin.payment(c.orderId)).toMatchObject({ gateway_ref: c.authId, status: 'authorized' })
    expect(await c.admin.stock(c.variantId), 'the units stay taken by the placed order').toEqual({
      on_hand: c.before.on_hand,
      reserved: c.before.reserved + QTY,
    })
    expect(await ledgerFor(c.orderId), 'one authorisation, asked twice').toEqual([`authorization:${c.authId}`])
  }, 120_000)

  test('expiry first: the order is canceled, the stock is back and the authorisation is voided', async () => {
    // the sweep must come after the gateway's answer (4 s): the second process starts after it (the
    // killed one's lease alone did not ensure it: killed 0.3 s after it started, it held none yet)
    const c = await crashAfterAuthorise({
      replyDelayMs: 4000,
      restartAfterAnswer: true,
      env: { RESERVATION_TTL_SECONDS: '2', PAYMENT_RECONCILE_AFTER_SECONDS: '600', RESERVATION_SWEEP_INTERVAL_MS: '500' },
    })
    const order = await until(
      'the order settles',
      () => c.admin.orderOf(c.buyer),
      (o) => o.status !== 'pending',
      40_000,
    )
    expect(order).toMatchObject({ id: c.orderId, status: 'canceled', payment_status: 'failed' })
    expect(await c.admin.stock(c.variantId)).toEqual(c.before)
    expect(await ledgerFor(c.orderId), 'no hold left on the card').toEqual([`authorization:${c.authId}`, `void:${c.authId}`])
    expect(await c.admin.payment(c.orderId)).toMatchObject({ gateway_ref: c.authId, status: 'voided' })
  }, 120_000)

  test('expiry while the gateway is still busy: canceled at once, the authorisation is voided when it shows up', async () => {
    // the expiry sweep of the restarted process comes after its start (several seconds on PGlite on a
    // busy machine) and the killed one's job lease (2 s here), so the gateway answers well after that
    // (with 10 s, a busy run swept at 10.5 s, got the authorisation back and voided it first, which
    // takes as long again); every later call to it (the void) takes as long
    const replyDelayMs = 20_000
    const c = await crashAfterAuthorise({
      replyDelayMs,
      env: {
        RESERVATION_TTL_SECONDS: '2',
        PAYMENT_RECONCILE_AFTER_SECONDS: '12',
        PAYMENT_TIMEOUT_MS: '30000',
        RESERVATION_SWEEP_INTERVAL_MS: '500',
        PAYMENT_RECOVERY_INTERVAL_MS: '500',
      },
    })
    const order = await until(
      'the order settles',
      () => c.admin.orderOf(c.buyer),
      (o) => o.status !== 'pending',
      40_000,
    )
    expect(order).toMatchObject({ id: c.orderId, status: 'canceled', payment_status: 'failed' })
    expect(await c.admin.stock(c.variantId)).toEqual(c.before)
    // canceled without waiting for the gateway: before its answer was due (read from the order's
    // history, not from when this test looked, which a busy machine can delay past the answer)
    const canceledAt = Date.parse(order.history.find((h: { status: string }) => h.status === 'canceled')?.at as string)
    expect(canceledAt - c.authAt, 'canceled before the gateway answered').toBeLessThan(replyDelayMs)

    const payment = await until(
      'the payment is voided',
      () => c.admin.payment(c.orderId).catch(() => null),
      (p) => p?.status === 'voided',
      90_000,
    )
    expect(payment).toMatchObject({ gateway_ref: c.authId })
    expect(await ledgerFor(c.orderId)).toEqual([`authorization:${c.authId}`, `void:${c.authId}`])
    expect(await c.admin.orderOf(c.buyer)).toMatchObject({ status: 'canceled', payment_status: 'failed', history: order.history })
    expect(await c.admin.stock(c.variantId)).toEqual(c.before)
  }, 180_000)
})
