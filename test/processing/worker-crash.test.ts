import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SandboxCarrier, startSandboxCarrier } from '../../src/sandbox/carrier/index.ts'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { deleteStream } from '../support/nats-stream.ts'
import { address, post } from '../checkout/shop.ts'
import { crest, type ServeProcess, startServe } from '../support/crest-process.ts'
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink-process.ts'
import { createTestDatabase } from '../support/test-database.ts'

/**
 * Issue 4, acceptance 1 and 2: orders flow through a real `crest serve` while `crest worker`
 * processes are killed with SIGKILL at random moments and started again. Afterwards every order
 * has had each side effect exactly once: one capture at the payment gateway, one parcel at the
 * carrier, one confirmation e-mail at a real SMTP server. Run with the embedded bus (the worker
 * and serve share the database queue) and, when NATS_URL is set, with JetStream and three workers.
 */
const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))
const ORDERS = 24

type Mode = { readonly name: string; readonly nats: boolean; readonly workers: number }
const modes: Mode[] = [
  { name: 'embedded bus, one worker', nats: false, workers: 1 },
  ...(process.env.NATS_URL ? [{ name: 'NATS JetStream, three workers', nats: true, workers: 3 }] : []),
]

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const countBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const m = new Map<string, number>()
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1)
  return m
}

describe.runIf(Boolean(process.env.DATABASE_URL)).each(modes)('workers killed with SIGKILL while orders flow ($name)', (mode) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>
  let payments: SandboxPayments
  let carrier: SandboxCarrier
  let smtp: SmtpSink
  let serve: ServeProcess
  let env: Record<string, string>
  const workers: ChildProcess[] = []
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`

  /** events each worker slot handled, over all the lives of its processes (from its debug log) */
  const handled: number[] = []
  const startWorker = (slot: number) => {
    const child = spawn(process.execPath, [CREST, 'worker'], {
      env: { ...process.env, ...env, LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    child.stdout?.on('data', (d: Buffer) => {
      handled[slot] = (handled[slot] ?? 0) + (d.toString().match(/"msg":"event delivered"/g)?.length ?? 0)
    })
    workers[slot] = child
  }

  beforeAll(async () => {
    db = await createTestDatabase('postgres')
    payments = await startSandboxPayments({ port: 0 })
    carrier = await startSandboxCarrier({ port: 0, timings: null })
    smtp = await startSmtpSink()
    env = {
      DATABASE_URL: db.url as string,
      LOG_LEVEL: 'warn',
      NATS_URL: mode.nats ? (process.env.NATS_URL as string) : '',
      NATS_STREAM: `CREST_T_${suffix}`,
      NATS_SUBJECT_PREFIX: `crestt${suffix}`,
      PAYMENT_GATEWAYS: `sandbox=sandbox@${payments.url}`,
      CARRIERS: `sandbox=sandbox@${carrier.url}`,
      SMTP_URL: smtp.url,
      SMTP_TIMEOUT_MS: '1000',
      MAIL_LEASE_MS: '5000',
      MAIL_POLL_INTERVAL_MS: '200',
      MAIL_RETRY_BASE_MS: '200',
      CAPTURE_POLICY: 'immediate',
      CAPTURE_INTERVAL_MS: '200',
      CARRIER_POLL_INTERVAL_MS: '0',
      BUS_LEASE_MS: '2000',
      BUS_RETRY_BASE_MS: '200',
      BUS_RETRY_MAX_MS: '2000',
      BUS_MAX_ATTEMPTS: '30',
      BUS_POLL_INTERVAL_MS: '100',
      // small pulls, so that no single worker takes a whole burst (with JetStream, a pull takes up to a batch)
      BUS_BATCH_SIZE: '2',
      BUS_CONCURRENCY: '2',
      WORKER_PORT: '0',
      SEED_PRODUCTS: '0',
    }
    await crest(['migrate'], env)
    await crest(['seed', '--products', '5'], env)
    serve = await startServe(env, 120_000)
    for (let i = 0; i < mode.workers; i++) startWorker(i)
  }, 300_000)

  afterAll(async () => {
    for (const w of workers) w?.kill('SIGKILL')
    await serve?.stop()
    await smtp?.stop()
    await carrier?.close()
    await payments?.close()
    await db?.close()
    if (mode.nats) await deleteStream(process.env.NATS_URL as string, `CREST_T_${suffix}`)
  })

  test('every order is captured once, shipped once and confirmed by e-mail once', async () => {
    const products = (await (await fetch(`${serve.url}/store/products?limit=5`)).json()) as { products: { variants: { id: string }[] }[] }
    const variantIds = products.products.map((p) => p.variants[0]?.id as string)
    const placed: { id: string; email: string }[] = []

    const buyer = async (n: number) => {
      const cart = (await post(`${serve.url}/store/carts`, {})).body.cart
      await post(`${serve.url}/store/carts/${cart.id}/items`, { variant_id: variantIds[n % variantIds.length], quantity: 1 })
      const options = (await (await fetch(`${serve.url}/store/carts/${cart.id}/shipping-options?country=NO`)).json()) as {
        shipping_options: { id: string }[]
      }
      const email = `crash${n}-${suffix}@example.test`
      const r = await post(`${serve.url}/store/carts/${cart.id}/checkout`, {
        email,
        shipping_address: address,
        shipping_option_id: options.shipping_options[0]?.id,
        payment: { provider: 'sandbox', token: 'tok_ok' },
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      placed.push({ id: r.body.order.id, email })
    }

    // orders flow in small waves while, every moment or so, a random worker is killed and restarted
    let kills = 0
    let flowing = true
    const killer = (async () => {
      while (flowing || kills < 4) {
        await sleep(400 + Math.random() * 900)
        const slot = Math.floor(Math.random() * mode.workers)
        workers[slot]?.kill('SIGKILL')
        kills++
        await sleep(200 + Math.random() * 500)
        startWorker(slot)
      }
    })()
    for (let n = 0; n < ORDERS; n += 4) await Promise.all([0, 1, 2, 3].map((k) => buyer(n + k)))
    flowing = false
    await killer
    expect(kills).toBeGreaterThanOrEqual(4)

    const ids = new Set(placed.map((p) => p.id))
    const deadline = Date.now() + 180_000
    let captures = new Map<string, number>()
    let parcels = new Map<string, number>()
    let mails = new Map<string, number>()
    for (;;) {
      const paid = ((await (await fetch(`${payments.url}/v1/ledger`)).json()) as { entries: { type: string; reference: string }[] }).entries
      const booked = ((await (await fetch(`${carrier.url}/v1/ledger`)).json()) as { entries: { type: string; reference: string }[] })
        .entries
      captures = countBy(
        paid.filter((e) => e.type === 'capture' && ids.has(e.reference)),
        (e) => e.reference,
      )
      parcels = countBy(
        booked.filter((e) => e.type === 'shipment' && ids.has(e.reference)),
        (e) => e.reference,
      )
      mails = countBy(
        smtp.messages().filter((m) => m.to.some((t) => t.includes(suffix))),
        (m) => m.to.join(','),
      )
      const complete = captures.size === ORDERS && parcels.size === ORDERS && mails.size === ORDERS
      if (complete || Date.now() > deadline) break
      await sleep(500)
    }
    expect(captures.size, 'orders captured').toBe(ORDERS)
    expect(parcels.size, 'orders with a parcel').toBe(ORDERS)
    expect(mails.size, 'orders with a confirmation e-mail').toBe(ORDERS)
    // and never twice, even though the workers died mid-work
    await sleep(3000)
    expect(
      [...captures.values()].every((n) => n === 1),
      JSON.stringify([...captures]),
    ).toBe(true)
    expect(
      [...parcels.values()].every((n) => n === 1),
      JSON.stringify([...parcels]),
    ).toBe(true)
    const finalMails = countBy(
      smtp.messages().filter((m) => m.to.some((t) => t.includes(suffix))),
      (m) => m.to.join(','),
    )
    expect(
      [...finalMails.values()].every((n) => n === 1),
      JSON.stringify([...finalMails]),
    ).toBe(true)
  }, 420_000)
})
