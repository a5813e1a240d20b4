// Issue 6, acceptance 3: product reads and checkouts with 1, 2 and 3 `crest serve` processes behind
// nginx (deploy/nginx/crest.conf), on PostgreSQL and Redis. Run it alone on the machine:
//   flock /tmp/crest-bench.lock node bin/run-ts.js bench/scale-out/run-scale-out.ts [--processes 1,2,3]
// Method and results: docs/benchmarks.md, "Scaling out behind nginx".
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { type NginxProcess, startNginx } from '../../test/support/nginx-process.ts'
import { prime, sampleCatalog } from '../catalog-sample.ts'
import { type CpuUse, startCpuMeter } from '../cpu.ts'
import { type BenchEnvironment, createBenchEnvironment } from '../environment.ts'
import { type Measurement, runLoad } from '../load.ts'
import { describeMachine, sourceState } from '../machine.ts'
import { CREST, freePort, killAllChildren, ROOT, runCommand, type Server, startServer } from '../processes.ts'
import { type CheckoutFlowResult, runCheckoutFlow } from '../selling/checkout-flow.ts'
import { jsonClient } from '../selling/json-client.ts'
import { sampleVariants, setStock, shippingOptionFor, staffToken } from '../selling/shop-setup.ts'

const USAGE = `Usage: node bin/run-ts.js bench/scale-out/run-scale-out.ts [options]   (needs DATABASE_URL and REDIS_URL)

  --processes 1,2,3   crest serve counts to measure behind nginx (default 1,2,3)
  --products N        catalog size to seed (default 2000)
  --read-connections N  concurrent connections for product reads (default 50)
  --vus N             virtual users in the checkout flow (default 32)
  --warmup S          warm-up seconds per measurement (default 3)
  --duration S        measured seconds per measurement (default 10)
  --help`

const t0 = Date.now()
const say = (line: string) => {
  const s = Math.round((Date.now() - t0) / 1000)
  console.log(`[scale-out ${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${line}`)
}

const int = (name: string, raw: string | undefined, fallback: number) => {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got "${raw}")`)
  return n
}

const parse = (argv: string[]) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      processes: { type: 'string' },
      products: { type: 'string' },
      'read-connections': { type: 'string' },
      vus: { type: 'string' },
      warmup: { type: 'string' },
      duration: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return 'help' as const
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined
  const redisUrl = process.env.REDIS_URL?.trim() || undefined
  if (!databaseUrl || !redisUrl) throw new Error('several crest serve processes need DATABASE_URL and REDIS_URL')
  const processes = (values.processes ?? '1,2,3').split(',').map((p) => int('processes', p.trim(), 1))
  return {
    databaseUrl,
    redisUrl,
    processes,
    products: int('products', values.products, 2000),
    readConnections: int('read-connections', values['read-connections'], 50),
    vus: int('vus', values.vus, 32),
    warmup: int('warmup', values.warmup, 3),
    duration: int('duration', values.duration, 10),
  }
}

/** nginx's worker processes (children of its master), whose CPU is counted with the serve processes. */
const childPids = (pid: number): number[] =>
  spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0)

type Row = {
  readonly processes: number
  readonly via: 'nginx' | 'direct'
  readonly reads: Measurement
  readonly readsCpu: CpuUse | undefined
  readonly checkouts: CheckoutFlowResult | null
  readonly checkoutsCpu: CpuUse | undefined
}

const main = async (): Promise<number> => {
  let o: Exclude<ReturnType<typeof parse>, 'help'>
  try {
    const parsed = parse(process.argv.slice(2))
    if (parsed === 'help') {
      console.log(USAGE)
      return 0
    }
    o = parsed
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`)
    return 2
  }
  const startedAt = new Date().toISOString()
  let environment: BenchEnvironment | undefined
  const fixed: Server[] = []
  let serves: Server[] = []
  let nginx: NginxProcess | undefined
  const stopServes = async () => {
    await nginx?.stop()
    nginx = undefined
    await Promise.all(serves.map((s) => s.stop().catch(() => {})))
    serves = []
  }
  const cleanup = async () => {
    await stopServes()
    await Promise.all(fixed.map((s) => s.stop().catch(() => {})))
    await killAllChildren()
    await environment?.cleanup().catch((e) => say(`warning: cleanup failed: ${(e as Error).message}`))
  }
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)))
  try {
    environment = await createBenchEnvironment({ engine: 'postgres', databaseUrl: o.databaseUrl, redisUrl: o.redisUrl, redis: true }, say)
    const env = environment.env
    const show = (line: string) => say(`  │ ${line}`)
    await runCommand([CREST, 'migrate'], { ...env, LOG_LEVEL: 'warn' }, { timeoutMs: 180_000, onLine: show })
    say(`crest seed --products ${o.products}…`)
    await runCommand(
      [CREST, 'seed', '--products', String(o.products)],
      { ...env, LOG_LEVEL: 'warn' },
      { timeoutMs: 30 * 60_000, onLine: show },
    )
    await environment.analyze()
    const password = randomBytes(12).toString('hex')
    await runCommand(
      [CREST, 'user', 'create', '--email', 'bench@crest.local', '--password', password, '--role', 'owner'],
      { ...env, LOG_LEVEL: 'warn' },
      {
        timeoutMs: 60_000,
      },
    )
    const machine = describeMachine(await environment.engineVersion(), environment.cacheTier)

    const [sandboxPort, carrierPort] = [await freePort(), await freePort()]
    fixed.push(
      await startServer('sandbox payments', [CREST, 'sandbox', 'payments', '--port', String(sandboxPort)], env, {
        port: sandboxPort,
        readyPath: '/v1/ledger',
        timeoutMs: 60_000,
      }),
      await startServer('sandbox carrier', [CREST, 'sandbox', 'carrier', '--port', String(carrierPort)], env, {
        port: carrierPort,
        readyPath: '/healthz',
        timeoutMs: 60_000,
      }),
    )
    const [sandbox, carrier] = fixed as [Server, Server]
    const serveEnv = {
      ...env,
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
      STAFF_SECRET_KEY: randomBytes(32).toString('base64'),
      HOST: '127.0.0.1',
      NATS_URL: '',
      PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`,
      CARRIERS: `sandbox=sandbox@${carrier.url}`,
    }
    const startServes = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const port = await freePort()
        serves.push(
          await startServer(
            `crest serve #${i + 1}`,
            [CREST, 'serve'],
            { ...serveEnv, PORT: String(port) },
            { port, readyPath: '/readyz', timeoutMs: 120_000 },
          ),
        )
      }
    }

    // the shop, prepared once through one process: deep stock on sampled variants
    await startServes(1)
    const first = serves[0] as Server
    const setupApi = jsonClient(first.url, { maxSockets: 16 })
    const auth = { authorization: `Bearer ${await staffToken(setupApi, 'bench@crest.local', password)}` }
    const sample = await sampleCatalog(first.url)
    const variants = await sampleVariants(setupApi, sample.handles, 120)
    for (const v of variants) await setStock(setupApi, auth, v, 1_000_000)
    const shippingOptionId = await shippingOptionFor(setupApi, variants[0] as string)
    setupApi.close()
    await stopServes()
    const paths = sample.handles.map((h) => `/store/products/${encodeURIComponent(h)}`)

    const rows: Row[] = []
    const measure = async (n: number, via: 'nginx' | 'direct'): Promise<Row> => {
      await startServes(n)
      if (via === 'nginx') {
        nginx = await startNginx({
          upstreams: serves.map((s) => ({ port: Number(new URL(s.url).port) })),
          exemptFromRateLimits: ['127.0.0.1'],
        })
      }
      const url = via === 'nginx' ? (nginx as NginxProcess).url : (serves[0] as Server).url
      const nginxPid = nginx?.child.pid
      const pids = [...serves.map((s) => s.pid), ...(nginxPid ? [nginxPid, ...childPids(nginxPid)] : [])]
      say(
        `${n} crest serve process(es), ${via === 'nginx' ? 'behind nginx' : 'direct (no nginx)'}: product reads, ${o.readConnections} connections…`,
      )
      // every process caches each product once before the warm-up (least_conn spreads the priming)
      for (let i = 0; i < n; i++) await prime(url, paths)
      let next = 0
      const path = () => paths[next++ % paths.length] as string
      await runLoad({ url, connections: o.readConnections, path }, o.warmup)
      const readMeter = startCpuMeter(pids, environment?.databaseName)
      const reads = await runLoad({ url, connections: o.readConnections, path }, o.duration)
      const readsCpu = readMeter()
      say(
        `  ${Math.round(reads.reqPerSec)} req/s, p50 ${reads.latency.p50} ms, p99 ${reads.latency.p99} ms, non-2xx ${reads.non2xx}, errors ${reads.errors}`,
      )
      let checkouts: CheckoutFlowResult | null = null
      let checkoutsCpu: CpuUse | undefined
      if (via === 'nginx') {
        say(`  checkouts: ${o.vus} virtual users (cart, line, checkout, again)…`)
        const api = jsonClient(url, { maxSockets: 1024 })
        const meter = startCpuMeter(pids, environment?.databaseName)
        checkouts = await runCheckoutFlow(api, {
          virtualUsers: o.vus,
          warmupS: o.warmup,
          durationS: o.duration,
          variants,
          shippingOptionId,
          say: () => {},
        })
        checkoutsCpu = meter()
        api.close()
        say(
          `  ${checkouts.perSecond} checkouts/s, flow p50 ${checkouts.flow.p50} ms, p99 ${checkouts.flow.p99} ms, failures ${JSON.stringify(checkouts.failures)}`,
        )
      }
      if (readsCpu)
        say(
          `  CPU during reads (% of one core): serve+nginx ${readsCpu.server}, load generator ${readsCpu.loadGenerator}, postgres ${readsCpu.postgres}, redis ${readsCpu.redis}, other ${readsCpu.other}`,
        )
      if (checkoutsCpu)
        say(
          `  CPU during checkouts: serve+nginx ${checkoutsCpu.server}, load generator ${checkoutsCpu.loadGenerator}, postgres ${checkoutsCpu.postgres}, redis ${checkoutsCpu.redis}, other ${checkoutsCpu.other}`,
        )
      await stopServes()
      return { processes: n, via, reads, readsCpu, checkouts, checkoutsCpu }
    }

    const loadBefore = loadavg()
    rows.push(await measure(1, 'direct'))
    for (const n of o.processes) rows.push(await measure(n, 'nginx'))
    const loadAfter = loadavg()
    await cleanup()

    const report = {
      suite: 'scale-out',
      startedAt,
      finishedAt: new Date().toISOString(),
      machine,
      settings: {
        ...o,
        databaseUrl: undefined,
        redisUrl: undefined,
        source: sourceState(ROOT),
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAfter,
      },
      rows,
    }
    const dir = new URL('../results/', import.meta.url)
    mkdirSync(dir, { recursive: true })
    const file = new URL(`scale-out-${startedAt.replace(/[:.]/g, '-')}.json`, dir)
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
    console.log(
      '\n| serve processes | via | product reads req/s | reads p50 / p99 ms | checkouts/s | checkout flow p50 / p99 ms | CPU % of one core during reads (serve+nginx / postgres / load gen) |',
    )
    console.log('| ---: | --- | ---: | ---: | ---: | ---: | --- |')
    for (const r of rows) {
      const c = r.checkouts
      console.log(
        `| ${r.processes} | ${r.via} | ${Math.round(r.reads.reqPerSec)} | ${r.reads.latency.p50} / ${r.reads.latency.p99} | ${c ? c.perSecond : '—'} | ${c ? `${c.flow.p50} / ${c.flow.p99}` : '—'} | ${r.readsCpu ? `${r.readsCpu.server} / ${r.readsCpu.postgres} / ${r.readsCpu.loadGenerator}` : '—'} |`,
      )
    }
    console.log(`\nFull results: ${file.pathname}`)
    return 0
  } catch (e) {
    say(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
    await cleanup()
    return 1
  }
}

process.exit(await main())
