import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { address, post } from '../checkout/shop.ts'
import { crest, type ServeProcess, startServe } from '../support/crest-process.ts'
import { dumpFileData } from '../support/pg-dump-data.ts'
import { snapshotTables } from '../support/table-snapshot.ts'
import { createTestDatabase } from '../support/test-database.ts'

/**
 * Issue 6, acceptance 4: a backup taken under load restores to an identical database. A real
 * `crest serve` on a fresh PostgreSQL database takes checkouts over HTTP without pause while
 * `crest backup` runs; the file is restored with `crest restore` into another fresh database. The
 * restored database must hold exactly the data in the file (pg_dump's one consistent snapshot),
 * and that snapshot must be consistent in the business sense too: stock never over-reserved, the
 * reserved counts equal to the live reservations, every order with its items and its payment.
 */
const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))
const MAX_CHECKOUTS = 600
const LOAD_MS = 25_000
const BUYERS = 4

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const adminUrl = () => process.env.DATABASE_URL as string
const urlOf = (name: string) => {
  const u = new URL(adminUrl())
  u.pathname = `/${name}`
  return u.toString()
}
const admin = async (sql: string) => {
  const c = new pg.Client({ connectionString: adminUrl() })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}
const withClient = async <T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await run(c)
  } finally {
    await c.end()
  }
}

/** `crest …` as a child that does not block this process (the load keeps going meanwhile). */
const crestAsync = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [CREST, ...args], {
      env: { ...process.env, NATS_URL: '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (code) => resolve({ code, out }))
  })

describe.runIf(Boolean(process.env.DATABASE_URL))('a backup taken under load restores to an identical database (PostgreSQL)', () => {
  let source: Awaited<ReturnType<typeof createTestDatabase>>
  let payments: SandboxPayments
  let serve: ServeProcess
  let env: Record<string, string>
  const restoredName = `crest_restore_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  const dir = mkdtempSync(join(tmpdir(), 'crest-backup-'))

  beforeAll(async () => {
    source = await createTestDatabase('postgres')
    await admin(`create database ${restoredName}`)
    payments = await startSandboxPayments({ port: 0 })
    env = {
      DATABASE_URL: source.url as string,
      PAYMENT_GATEWAYS: `sandbox=sandbox@${payments.url}`,
      CARRIER_POLL_INTERVAL_MS: '0',
      SEED_PRODUCTS: '0',
    }
    await crest(['seed', '--products', '12'], { ...env, LOG_LEVEL: 'warn' })
    // plenty of stock, so that the load is checkouts and not sold-out answers (before any process caches it)
    await withClient(source.url as string, (c) => c.query('update inventory.stock_levels set on_hand = 100000'))
    serve = await startServe(env, 120_000)
  }, 300_000)

  afterAll(async () => {
    await serve?.stop()
    await payments?.close()
    await source?.close()
    await admin(`drop database if exists ${restoredName} with (force)`).catch(() => {})
    rmSync(dir, { recursive: true, force: true })
  })

  const orderCount = (url: string) =>
    withClient(url, async (c) => (await c.query<{ n: number }>('select count(*)::int as n from orders.orders')).rows[0]?.n ?? 0)

  test('crest backup during continuous checkouts, crest restore into a fresh database: the same data, and consistent', async () => {
    const products = (await (await fetch(`${serve.url}/store/products?limit=12`)).json()) as { products: { variants: { id: string }[] }[] }
    const variantIds = products.products.flatMap((p) => p.variants.map((v) => v.id))
    expect(variantIds.length).toBeGreaterThan(5)

    // continuous checkouts: paid ones, declined ones (their compensation writes too), bounded in count and time
    let running = true
    let started = 0
    const outcomes = new Map<number, number>()
    const unexpected: string[] = []
    const buyer = async (b: number) => {
      while (running && started < MAX_CHECKOUTS) {
        const n = started++
        await shop(n, b).catch((e: Error) => {
          unexpected.push(
            `${e.message} ${(e.cause as Error | undefined)?.message ?? ''} (serve exit ${serve.child.exitCode}):\n${serve.output().slice(-3000)}`,
          )
          running = false
        })
      }
    }
    const shop = async (n: number, b: number) => {
      {
        const cart = (await post(`${serve.url}/store/carts`, {})).body.cart
        const added = await post(`${serve.url}/store/carts/${cart.id}/items`, {
          variant_id: variantIds[(n * 7 + b) % variantIds.length],
          quantity: 1 + (n % 2),
        })
        if (added.status !== 200) {
          // sold out by now: not a checkout (anything else is a failure)
          if (!['out_of_stock', 'insufficient_stock'].includes(added.body?.error?.code))
            unexpected.push(`add ${added.status} ${JSON.stringify(added.body)}`)
          return
        }
        const options = (await (await fetch(`${serve.url}/store/carts/${cart.id}/shipping-options?country=NO`)).json()) as {
          shipping_options: { id: string }[]
        }
        const r = await post(`${serve.url}/store/carts/${cart.id}/checkout`, {
          email: `load${n}@example.test`,
          shipping_address: address,
          shipping_option_id: options.shipping_options[0]?.id,
          payment: { provider: 'sandbox', token: n % 5 === 4 ? 'tok_declined' : 'tok_ok' },
        })
        outcomes.set(r.status, (outcomes.get(r.status) ?? 0) + 1)
        if (![201, 402, 409].includes(r.status)) unexpected.push(`${r.status} ${JSON.stringify(r.body)}`)
      }
    }
    const deadline = setTimeout(() => (running = false), LOAD_MS)
    const load = Promise.all(Array.from({ length: BUYERS }, (_, b) => buyer(b)))

    // let orders flow, then back up while they keep flowing
    const waitFrom = Date.now()
    while ((outcomes.get(201) ?? 0) < 20 && Date.now() - waitFrom < 15_000) await sleep(100)
    const file = join(dir, 'under-load.dump')
    const ordersBefore = await orderCount(source.url as string)
    const placedBefore = outcomes.get(201) ?? 0
    const backup = await crestAsync(['backup', '--out', file], { DATABASE_URL: source.url as string })
    const placedDuring = (outcomes.get(201) ?? 0) - placedBefore
    expect(backup.code, backup.out).toBe(0)
    expect(backup.out).toMatch(/table orders\.orders/)
    expect(backup.out).toMatch(/Backed up \d+ tables/)
    expect(existsSync(`${file}.partial`)).toBe(false)
    await sleep(1500) // and after it
    running = false
    clearTimeout(deadline)
    await load
    const ordersAfter = await orderCount(source.url as string)

    // the load was real and went on across the backup
    expect(unexpected.slice(0, 3)).toEqual([])
    expect(outcomes.get(201) ?? 0).toBeGreaterThanOrEqual(20)
    expect(placedDuring + (ordersAfter - ordersBefore)).toBeGreaterThan(0)

    // restore into the fresh, empty database
    const restoredUrl = urlOf(restoredName)
    const restore = await crestAsync(['restore', file], { DATABASE_URL: restoredUrl })
    expect(restore.code, restore.out).toBe(0)
    expect(restore.out).toMatch(/Restored \d+ tables/)

    // 1. the restored database holds exactly what the file holds: dump it again with the same tool, compare every table row-sorted
    const again = join(dir, 'restored.dump')
    const redump = await crestAsync(['backup', '--out', again], { DATABASE_URL: restoredUrl })
    expect(redump.code, redump.out).toBe(0)
    const inFile = dumpFileData(file)
    const inRestored = dumpFileData(again)
    expect([...inRestored.keys()].sort()).toEqual([...inFile.keys()].sort())
    for (const [table, rows] of inFile) expect(inRestored.get(table), table).toEqual(rows)
    expect(inFile.get('orders.orders')?.length ?? 0).toBeGreaterThan(0)

    // … and, read over SQL instead of through pg_dump, every table has the file's row count
    const viaSql = await withClient(restoredUrl, (c) => snapshotTables((q) => c.query(q)))
    for (const [table, rows] of inFile) if (table !== '(sequences)') expect(viaSql.get(table)?.length, table).toBe(rows.length)

    // 2. the snapshot is of one instant in the middle of the load: later orders are not in it
    const restoredOrders = await orderCount(restoredUrl)
    expect(restoredOrders).toBeGreaterThanOrEqual(ordersBefore)
    expect(restoredOrders).toBeLessThan(ordersAfter)

    // 3. the business invariants hold in the restored database
    await withClient(restoredUrl, async (c) => {
      const one = async (sql: string) => (await c.query<{ n: number }>(sql)).rows[0]?.n
      expect(await one('select count(*)::int as n from inventory.stock_levels where reserved < 0 or reserved > on_hand')).toBe(0)
      // reserved is exactly the units held by live reservations (one transaction changes both)
      expect(
        await one(`select count(*)::int as n from inventory.stock_levels s
                     left join (select variant_id, location_id, sum(quantity)::int as q from inventory.reservations
                                 where status in ('active', 'committed') group by 1, 2) r
                       on r.variant_id = s.variant_id and r.location_id = s.location_id
                    where s.reserved <> coalesce(r.q, 0)`),
      ).toBe(0)
      expect(
        await one('select count(*)::int as n from orders.orders o where not exists (select 1 from orders.items i where i.order_id = o.id)'),
      ).toBe(0)
      expect(
        await one('select count(*)::int as n from orders.items i where not exists (select 1 from orders.orders o where o.id = i.order_id)'),
      ).toBe(0)
      // an authorised order has its payment, and its payment the order's total
      expect(
        await one(`select count(*)::int as n from orders.orders o where o.payment_status in ('authorized', 'captured')
                      and not exists (select 1 from payments.payments p where p.order_id = o.id and p.amount = o.total)`),
      ).toBe(0)
      expect(await one(`select count(*)::int as n from orders.orders where payment_status = 'authorized'`)).toBeGreaterThan(0)
      // an order's subtotal is the sum of its items
      expect(
        await one(`select count(*)::int as n from orders.orders o
                    where o.subtotal <> (select sum(total) from orders.items i where i.order_id = o.id)`),
      ).toBe(0)
    })

    // 4. crest runs on the restored database: its migrations are all there
    const migrated = await crestAsync(['migrate'], { DATABASE_URL: restoredUrl })
    expect(migrated.code, migrated.out).toBe(0)
  }, 240_000)
})
