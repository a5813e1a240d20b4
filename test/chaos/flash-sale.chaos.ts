// `npm run test:chaos`: a bounded flash sale through nginx to three `crest serve` and two `crest worker`
// on engines of the suite's own, while one fault at a time hits it. Results: docs/resilience.md.
import { mkdirSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { jsonClient } from '../../bench/selling/json-client.ts'
import { sampleVariants, shippingOptionFor, staffToken } from '../../bench/selling/shop-setup.ts'
import { ARTIFACTS, type ChaosCluster, startChaosCluster } from './chaos-cluster.ts'
import { type Fault, runFaultPhase } from './flash-sale-phase.ts'
import { checkInvariants, liveAuthorisationsAfterRecovery } from './invariants.ts'
import { type PhaseReport, timelineMarkdown } from './timeline-report.ts'

const UNITS = Number(process.env.CHAOS_UNITS ?? 40)
const BUYERS = Number(process.env.CHAOS_BUYERS ?? 100)
const ARRIVALS_PER_SECOND = Number(process.env.CHAOS_ARRIVALS ?? 10)
const READY_LIMIT_MS = 30_000

const t0 = Date.now()
const say = (l: string) => console.log(`[chaos +${((Date.now() - t0) / 1000).toFixed(1)}s] ${l}`)

let cluster: ChaosCluster
let api: ReturnType<typeof jsonClient>
let auth: Record<string, string>
let variants: string[]
let shippingOptionId: string
let handles: string[]
const results: PhaseReport[] = []

const faults = (c: ChaosCluster): Fault[] => {
  const [, serve2] = c.serves
  const [primary] = c.gateways
  if (!serve2 || !primary) throw new Error('cluster incomplete')
  return [
    {
      name: 'serve-sigkill',
      describe: 'crest serve #2 killed with SIGKILL, restarted 3 s later',
      inject: () => serve2.kill('SIGKILL'),
      holdMs: 3000,
      heal: () => serve2.start(),
    },
    {
      name: 'gateway-stopped',
      describe: 'primary sandbox payment gateway stopped (SIGSTOP) for 8 s',
      inject: async () => primary.signal('SIGSTOP'),
      holdMs: 8000,
      heal: async () => primary.signal('SIGCONT'),
    },
    {
      name: 'redis-restart',
      describe: 'Redis stopped (no persistence: every key lost) and started again after 3 s',
      inject: () => c.redis.halt(),
      holdMs: 3000,
      heal: () => c.redis.launch(),
    },
    {
      name: 'nats-paused',
      describe: 'nats-server paused (SIGSTOP) for 8 s',
      inject: async () => c.nats.pause(),
      holdMs: 8000,
      heal: async () => c.nats.resume(),
    },
    {
      name: 'postgres-restart',
      describe: 'PostgreSQL stopped (pg_ctl stop -m fast) and started again after 5 s',
      inject: async () => c.postgres.stop(),
      holdMs: 5000,
      heal: async () => c.postgres.start(),
    },
  ]
}

const allReady = async () => {
  const checks = [...cluster.serves, ...cluster.workers].map((p) => p.ready())
  checks.push(
    fetch(`${cluster.nginx.url}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    ),
  )
  return (await Promise.all(checks)).every(Boolean)
}

let backlogMax = 0
let probeDb: pg.Pool | undefined
/** outbox rows not yet published to JetStream (null while the database does not answer) */
const outboxBacklog = async (): Promise<number | null> => {
  probeDb ??= new pg.Pool({ connectionString: cluster.databaseUrl, max: 1, connectionTimeoutMillis: 1000 }).on('error', () => {})
  const r = await probeDb.query<{ n: string }>('select count(*) as n from platform.outbox where published_at is null').catch(() => null)
  return r ? Number(r.rows[0]?.n ?? 0) : null
}

/** During a fault: each serve's /readyz status, and what a shopper gets for a catalog page and the product API through nginx. */
const sample = async (): Promise<Record<string, string>> => {
  const out: Record<string, string> = {}
  const timeout = () => AbortSignal.timeout(2000)
  await Promise.all([
    outboxBacklog().then((n) => {
      if (n !== null) backlogMax = Math.max(backlogMax, n)
    }),
    ...cluster.serves.map(async (p) => {
      const r = await fetch(`${p.url}/readyz`, { signal: timeout() }).catch(() => null)
      out[`${p.name} /readyz`] = r
        ? `${r.status} ${((await r.json().catch(() => ({}))) as { status?: string }).status ?? ''}`.trim()
        : 'no answer'
    }),
    (async () => {
      const r = await fetch(`${cluster.nginx.url}/p/${handles[0]}`, { signal: timeout() }).catch(() => null)
      const html = r ? await r.text() : ''
      out['catalog page'] = r ? `${r.status}${html.includes('crest-degraded-notice') ? ' with notice' : ''}` : 'no answer'
    })(),
    (async () => {
      const r = await fetch(`${cluster.nginx.url}/store/products/${handles[0]}`, { signal: timeout() }).catch(() => null)
      out['product API'] = r ? `${r.status}${r.headers.get('x-crest-degraded') ? ' degraded' : ''}` : 'no answer'
    })(),
  ])
  return out
}

beforeAll(async () => {
  cluster = await startChaosCluster(say)
  api = jsonClient(cluster.nginx.url, { maxSockets: 256, timeoutMs: 20_000 })
  auth = { authorization: `Bearer ${await staffToken(api, cluster.staff.email, cluster.staff.password)}` }
  const list = (await api.get('/store/products?limit=20')).body as { products: { handle: string }[] }
  handles = list.products.map((p) => p.handle)
  variants = await sampleVariants(api, handles, 8)
  shippingOptionId = await shippingOptionFor(api, variants[7] as string)
}, 300_000)

afterAll(async () => {
  api?.close()
  await probeDb?.end().catch(() => undefined)
  const file = `${ARTIFACTS}../chaos-${new Date(t0).toISOString().replace(/[:.]/g, '-')}.json`
  if (results.length > 0) {
    mkdirSync(ARTIFACTS, { recursive: true })
    writeFileSync(
      file,
      `${JSON.stringify({ startedAt: new Date(t0).toISOString(), settings: { UNITS, BUYERS, ARRIVALS_PER_SECOND, READY_LIMIT_MS }, phases: results }, null, 2)}\n`,
    )
    const markdown = timelineMarkdown(new Date(t0).toISOString(), results)
    writeFileSync(file.replace(/\.json$/, '.md'), `${markdown}\n`)
    say(`timeline: ${file} (and .md)`)
    console.log(markdown)
    for (const r of results)
      console.log(
        `${r.fault.padEnd(17)} fault ${r.faultStartAt.slice(11, 23)}–${r.faultEndAt.slice(11, 23)}  readyz +${r.readyzRecoveredMs ?? '∞'} ms  orders ${r.acknowledged.length}/${r.units}  sold ${r.invariants.sold}  oversold ${r.invariants.oversold}  missing ${r.invariants.acknowledgedMissing.length}  doubled ${r.doubleAuthorised.length}  answers ${JSON.stringify(r.answersByCode)}`,
      )
  }
  await cluster?.stop()
}, 120_000)

test('a flash sale survives each fault: nothing oversold, every 201 kept, no double authorisation, ready again within 30 s', async () => {
  const list = faults(cluster)
  const only = process.env.CHAOS_FAULTS?.split(',')
  for (const [i, fault] of list.entries()) {
    if (only && !only.includes(fault.name)) continue
    say(`phase ${i + 1}/${list.length}: ${fault.name}: ${BUYERS} buyers for ${UNITS} units at ${ARRIVALS_PER_SECOND}/s`)
    const variantId = variants[i] as string
    backlogMax = 0
    const phase = await runFaultPhase(api, {
      fault,
      variantId,
      units: UNITS,
      buyers: BUYERS,
      arrivalPerSecond: ARRIVALS_PER_SECOND,
      startAfterMs: 2500,
      shippingOptionId,
      auth,
      allReady,
      readyLimitMs: READY_LIMIT_MS,
      say,
      sample,
    })
    await new Promise((r) => setTimeout(r, 8000)) // reconciliation of unsettled payments (PAYMENT_RECONCILE_AFTER_SECONDS=5)
    const invariants = await checkInvariants(cluster.databaseUrl, { variantId, received: UNITS, acknowledged: phase.acknowledged })
    // late authorisations at a gateway that timed out are voided by the recovery job (decision 0018): wait for it
    const ledger = await liveAuthorisationsAfterRecovery(
      cluster.databaseUrl,
      cluster.gateways.map((g) => g.url),
    )
    say(
      `  live authorisations checked after ${ledger.waitedMs} ms; ambiguous attempts resolved so far ${JSON.stringify(ledger.resolved)}, still open ${ledger.openAmbiguous}`,
    )
    const seenBefore = new Set(results.flatMap((r) => r.doubleAuthorised))
    const doubled = ledger.doubled.filter((ref) => !seenBefore.has(ref)) // the ledgers span the run: new ones belong to this phase
    const outbox = { max: backlogMax, after: await outboxBacklog() }
    results.push({ ...phase, invariants, doubleAuthorised: doubled, authorisations: ledger.authorisations, outbox })
    say(
      `  ${phase.acknowledged.length} orders (201), sold ${invariants.sold}/${UNITS}, finals ${JSON.stringify(phase.finalByCode)}, readyz +${phase.readyzRecoveredMs} ms, doubled ${doubled.length}`,
    )
  }
  for (const r of results) {
    expect.soft(r.invariants.oversold, `${r.fault}: units oversold`).toBe(0)
    expect.soft(r.invariants.badLevels, `${r.fault}: levels breaking 0 ≤ reserved ≤ on_hand`).toBe(0)
    expect.soft(r.invariants.reservedDrift, `${r.fault}: reserved vs live reservations`).toBe(0)
    expect.soft(r.invariants.acknowledgedMissing, `${r.fault}: orders answered 201 but missing`).toEqual([])
    expect.soft(r.doubleAuthorised, `${r.fault}: orders authorised twice`).toEqual([])
    expect.soft(r.readyzRecoveredMs, `${r.fault}: readyz green again`).not.toBeNull()
    expect.soft(r.readyzRecoveredMs ?? Number.POSITIVE_INFINITY, `${r.fault}: readyz within 30 s`).toBeLessThanOrEqual(READY_LIMIT_MS)
    expect.soft(r.acknowledged.length, `${r.fault}: the sale kept selling`).toBeGreaterThan(0)
    expect.soft(r.outbox.after, `${r.fault}: the relay caught up with the outbox`).toBeLessThanOrEqual(5)
  }
}, 900_000)
