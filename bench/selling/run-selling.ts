// `npm run bench -- --suite selling`: completed checkouts per second and a flash sale, against a
// real `crest serve` and a real sandbox payment gateway process. Method and results: docs/benchmarks.md.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { writeFileSync, mkdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { sampleCatalog } from '../catalog-sample.ts'
import { startCpuMeter } from '../cpu.ts'
import { type BenchEnvironment, createBenchEnvironment } from '../environment.ts'
import { describeMachine, sourceState } from '../machine.ts'
import { CREST, freePort, killAllChildren, ROOT, runCommand, type Server, startServer } from '../processes.ts'
import { runCheckoutFlow } from './checkout-flow.ts'
import { postgresActivity } from './db-activity.ts'
import { deleteStream } from '../../test/support/nats-stream.ts'
import { measureProcessing } from './processing-lag.ts'
import { runFlashSale } from './flash-sale.ts'
import { jsonClient } from './json-client.ts'
import { sampleVariants, setStock, shippingOptionFor, staffToken } from './shop-setup.ts'
import { measureReplayedProcessing, replayOutbox } from './replay-processing.ts'
import { sellingSummary } from './selling-report.ts'

export const SELLING_USAGE = `Usage: npm run bench -- --suite selling [options]

  --engine postgres|pglite  database engine (default: postgres when DATABASE_URL is set, else pglite)
  --redis / --no-redis      Redis for the gate and cache (default: on when REDIS_URL is set and engine is postgres)
  --products N              catalog size to seed (default 2000)
  --vus N                   virtual users in the checkout flow (default 32)
  --warmup S                checkout-flow warm-up seconds (default 5)
  --duration S              checkout-flow measured seconds (default 20)
  --checkout-rate N         pace the checkout flow at N flows a second instead of as fast as the users can
                            (to measure order processing at a given checkout rate; default: unpaced)
  --buyers N                flash-sale buyers (default 10000)
  --units N                 flash-sale units (default 1000)
  --arrival-rate N          flash-sale buyers arriving per second, open loop (default 2000)
  --no-compare              skip the flash sale without the gate (run only to count the writes the gate avoids)
  --skip-flash-sale         measure only the checkout flow
  --serve-workers N         run "crest serve --workers N" (default 1)
  --processing in-process|elsewhere|replay
                            in-process: serve also processes each order (embedded event bus, as crest start);
                            elsewhere: serve relays events to a JetStream stream of the run's own, for workers
                            that would run on other hosts (default: elsewhere when NATS_URL is set);
                            replay: as elsewhere, then serve stops and the flow's events are replayed, at the
                            pace they were written, to --workers N "crest worker" processes that have the
                            machine to themselves (processing at the checkout rate, on cores of its own)
  --replay-speed N          with --processing replay: release the events N times faster than they were
                            written (default 1: the checkout flow's own pace)
  --workers N               with --processing elsewhere or replay: run N "crest worker" processes on this
                            machine and measure events per second and the order placed → parcel booked lag
                            (default 0; 1 with replay)
  --cpu-prof                profile the serve process (a .cpuprofile under bench/results/profiles/)
  --help`

const num = (name: string, raw: string | undefined, fallback: number, min = 1) => {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min} (got "${raw}")`)
  return n
}

const parseProcessing = (raw: string | undefined): 'in-process' | 'elsewhere' | 'replay' => {
  const v = raw ?? (process.env.NATS_URL ? 'elsewhere' : 'in-process')
  if (v !== 'in-process' && v !== 'elsewhere' && v !== 'replay')
    throw new Error(`--processing must be in-process, elsewhere or replay (got "${raw}")`)
  if (v !== 'in-process' && !process.env.NATS_URL)
    throw new Error(`--processing ${v} needs NATS_URL (serve then only relays events to JetStream)`)
  return v
}

const parse = (argv: string[]) => {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      suite: { type: 'string' },
      engine: { type: 'string' },
      redis: { type: 'boolean' },
      products: { type: 'string' },
      vus: { type: 'string' },
      warmup: { type: 'string' },
      duration: { type: 'string' },
      'checkout-rate': { type: 'string' },
      buyers: { type: 'string' },
      units: { type: 'string' },
      'arrival-rate': { type: 'string' },
      compare: { type: 'boolean' },
      'cpu-prof': { type: 'boolean' },
      'replay-speed': { type: 'string' },
      'skip-flash-sale': { type: 'boolean' },
      'serve-workers': { type: 'string' },
      processing: { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return 'help' as const
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined
  const redisUrl = process.env.REDIS_URL?.trim() || undefined
  const engine = (values.engine ?? (databaseUrl ? 'postgres' : 'pglite')) as 'postgres' | 'pglite'
  if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`--engine must be postgres or pglite (got "${values.engine}")`)
  if (engine === 'postgres' && !databaseUrl) throw new Error('--engine postgres needs DATABASE_URL')
  const redis = values.redis ?? (Boolean(redisUrl) && engine === 'postgres')
  if (redis && !redisUrl) throw new Error('--redis needs REDIS_URL')
  const buyers = num('buyers', values.buyers, 10_000)
  const units = num('units', values.units, 1000)
  if (units > buyers) throw new Error('--units must not exceed --buyers')
  const processing = parseProcessing(values.processing)
  if (processing === 'replay' && !(values['skip-flash-sale'] ?? false))
    throw new Error('--processing replay measures the checkout flow and its processing only: add --skip-flash-sale')
  if (processing === 'replay' && engine !== 'postgres') throw new Error('--processing replay needs PostgreSQL')
  return {
    engine,
    redis,
    databaseUrl,
    redisUrl,
    products: num('products', values.products, 2000),
    vus: num('vus', values.vus, 32),
    warmup: num('warmup', values.warmup, 5, 0),
    duration: num('duration', values.duration, 20),
    checkoutRate: values['checkout-rate'] === undefined ? undefined : num('checkout-rate', values['checkout-rate'], 0),
    buyers,
    units,
    arrivalRate: num('arrival-rate', values['arrival-rate'], 2000),
    compare: values.compare ?? true,
    cpuProf: values['cpu-prof'] ?? false,
    flashSale: !(values['skip-flash-sale'] ?? false),
    serveWorkers: num('serve-workers', values['serve-workers'], 1),
    processing,
    replaySpeed: num('replay-speed', values['replay-speed'], 1),
    workers: num('workers', values.workers, processing === 'replay' ? 1 : 0, processing === 'replay' ? 1 : 0),
  }
}

/** The serve workers a `crest serve --workers N` primary forked (Linux `ps`). */
const childPids = (pid: number): number[] =>
  spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0)

const t0 = Date.now()
const say = (line: string) => {
  const s = Math.round((Date.now() - t0) / 1000)
  console.log(`[selling ${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${line}`)
}

export const runSellingBench = async (argv: string[]): Promise<number> => {
  let o: ReturnType<typeof parse>
  try {
    o = parse(argv)
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${SELLING_USAGE}`)
    return 2
  }
  if (o === 'help') {
    console.log(SELLING_USAGE)
    return 0
  }
  const startedAt = new Date().toISOString()
  const natsStream = `CREST_BENCH_${startedAt.replace(/[^0-9]/g, '')}`
  const natsPrefix = `crestbench${startedAt.replace(/[^0-9]/g, '')}`
  let environment: BenchEnvironment | undefined
  const servers: Server[] = []
  const extraChildren: ChildProcess[] = []
  const cleanup = async () => {
    for (const w of extraChildren) w.kill('SIGTERM')
    await Promise.all(servers.map((s) => s.stop().catch(() => {})))
    if (o.processing !== 'in-process' && process.env.NATS_URL)
      for (const stream of [natsStream, `${natsStream}_HELD`]) await deleteStream(process.env.NATS_URL, stream).catch(() => {})
    await killAllChildren()
    await environment?.cleanup().catch((e) => say(`warning: cleanup failed: ${(e as Error).message}`))
  }
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)))
  try {
    say(
      `engine ${o.engine}${o.redis ? ' + Redis' : ''}, ${o.products} products; checkout flow: ${o.vus} virtual users, ${o.warmup} s warm-up + ${o.duration} s; flash sale: ${o.buyers} buyers for ${o.units} units arriving at ${o.arrivalRate}/s`,
    )
    environment = await createBenchEnvironment(o, say)
    const env = environment.env
    const show = (line: string) => say(`  │ ${line}`)
    await runCommand([CREST, 'migrate'], env, { timeoutMs: 180_000, onLine: show })
    say(`crest seed --products ${o.products}…`)
    await runCommand([CREST, 'seed', '--products', String(o.products)], env, { timeoutMs: 60 * 60_000, onLine: show })
    await environment.analyze()
    const password = randomBytes(12).toString('hex')
    await runCommand([CREST, 'user', 'create', '--email', 'bench@crest.local', '--password', password, '--role', 'owner'], env, {
      timeoutMs: 60_000,
    })
    const machine = describeMachine(await environment.engineVersion(), environment.cacheTier)

    const [sandboxPort, crestPort] = [await freePort(), await freePort()]
    const profileDir = fileURLToPath(new URL(`../results/profiles/selling-${startedAt.replace(/[:.]/g, '-')}/`, import.meta.url))
    if (o.cpuProf) mkdirSync(profileDir, { recursive: true })
    say(`starting the sandbox payment gateway on 127.0.0.1:${sandboxPort} and crest serve on 127.0.0.1:${crestPort}…`)
    servers.push(
      await startServer('sandbox payments', [CREST, 'sandbox', 'payments', '--port', String(sandboxPort)], env, {
        port: sandboxPort,
        readyPath: '/v1/ledger',
        timeoutMs: 60_000,
      }),
    )
    const sandbox = servers[0] as Server
    // the store processes every order it takes (allocation, a parcel at the carrier, an e-mail):
    // the sandbox carrier runs too, as `npm start` runs it, so that work succeeds and is measured
    const carrierPort = await freePort()
    servers.push(
      await startServer('sandbox carrier', [CREST, 'sandbox', 'carrier', '--port', String(carrierPort)], env, {
        port: carrierPort,
        readyPath: '/healthz',
        timeoutMs: 60_000,
      }),
    )
    const carrier = servers[1] as Server
    const natsEnv =
      o.processing === 'elsewhere'
        ? { NATS_URL: process.env.NATS_URL, NATS_STREAM: natsStream, NATS_SUBJECT_PREFIX: natsPrefix }
        : { NATS_URL: '' }
    // with replay, serve's events go to a stream nobody reads; the replay hands them to the workers later
    const serveNatsEnv =
      o.processing === 'replay'
        ? { NATS_URL: process.env.NATS_URL, NATS_STREAM: `${natsStream}_HELD`, NATS_SUBJECT_PREFIX: `${natsPrefix}held` }
        : natsEnv
    servers.push(
      await startServer(
        'crest serve',
        [CREST, 'serve', ...(o.serveWorkers > 1 ? ['--workers', String(o.serveWorkers)] : [])],
        {
          ...env,
          LOG_LEVEL: 'error',
          PORT: String(crestPort),
          HOST: '127.0.0.1',
          PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`,
          CARRIERS: `sandbox=sandbox@${carrier.url}`,
          // fixed limits only: the sale without the gate must send every buyer to the database path to
          // count what the gate saves, not have most of them sent back by latency-based shedding
          SHED_LATENCY_TARGET_MS: '0',
          ...serveNatsEnv,
        },
        {
          port: crestPort,
          readyPath: '/readyz',
          timeoutMs: 120_000,
          nodeFlags: o.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
        },
      ),
    )
    const crest = servers[2] as Server
    const workerProcs: ChildProcess[] = []
    const startWorkers = async () => {
      say(`starting ${o.workers} crest worker process(es) for order processing…`)
      for (let i = 0; i < o.workers; i++) {
        workerProcs.push(
          spawn(process.execPath, [...(o.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), CREST, 'worker'], {
            cwd: ROOT,
            env: {
              ...env,
              LOG_LEVEL: 'error',
              WORKER_PORT: process.env.BENCH_WORKER_PORT ?? '0',
              PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`,
              CARRIERS: `sandbox=sandbox@${carrier.url}`,
              ...(o.processing === 'replay'
                ? { NATS_URL: process.env.NATS_URL, NATS_STREAM: natsStream, NATS_SUBJECT_PREFIX: natsPrefix }
                : natsEnv),
            } as NodeJS.ProcessEnv,
            stdio: 'ignore',
          }),
        )
      }
      extraChildren.push(...workerProcs)
      await new Promise((r) => setTimeout(r, 5000)) // connected and consuming before the load starts
    }
    if (o.processing === 'elsewhere' && o.workers > 0) await startWorkers()
    const api = jsonClient(crest.url, { maxSockets: 1024 })
    const buyersApi = jsonClient(crest.url, { maxSockets: o.buyers })
    const auth = { authorization: `Bearer ${await staffToken(api, 'bench@crest.local', password)}` }

    say('choosing variants and giving them deep stock…')
    const sample = await sampleCatalog(crest.url)
    const variants = await sampleVariants(api, sample.handles, 160)
    const flashVariants = variants.splice(0, 2) // kept apart: the flash sales set their own stock
    for (const v of variants) await setStock(api, auth, v, 1_000_000)
    const shippingOptionId = await shippingOptionFor(api, variants[0] as string)

    say(`checkout flow: ${o.vus} virtual users each create a cart, add a line and check out, over and over…`)
    const loadBefore = loadavg()
    const meter = startCpuMeter([crest.pid, ...childPids(crest.pid)], environment.databaseName)
    const flow = await runCheckoutFlow(api, {
      virtualUsers: o.vus,
      warmupS: o.warmup,
      durationS: o.duration,
      variants,
      shippingOptionId,
      ...(o.checkoutRate && { ratePerSecond: o.checkoutRate }),
      say,
    })
    const flowCpu = meter()
    const flowEndedAt = Date.now()
    const processing =
      o.engine === 'postgres' && ((o.processing === 'elsewhere' && o.workers > 0) || o.processing === 'in-process')
        ? await measureProcessing(env.DATABASE_URL as string, flowEndedAt)
        : null
    if (processing)
      say(
        `  order processing: ${processing.events} events handled, ${processing.eventsPerSecond}/s; placed → parcel booked p50/p99 ${processing.lag.p50}/${processing.lag.p99} ms over ${processing.orders} orders (caught up ${processing.caughtUpAfterFlowMs} ms after the flow; ${processing.waiting} still waiting)`,
      )
    say(
      `  ${flow.completed} completed checkouts in ${o.duration} s = ${flow.perSecond}/s; flow p50 ${flow.flow.p50} ms, p99 ${flow.flow.p99} ms`,
    )

    const dbActivity = o.engine === 'postgres' ? postgresActivity(env.DATABASE_URL as string) : null
    if (!o.flashSale) {
      say(`  checkout p50/p99 ${flow.checkout.p50}/${flow.checkout.p99} ms; failures ${JSON.stringify(flow.failures)}`)
      if (flowCpu)
        say(
          `  CPU % of one core: serve ${flowCpu.server}, postgres ${flowCpu.postgres}, load generator ${flowCpu.loadGenerator}, redis ${flowCpu.redis}, other ${flowCpu.other}`,
        )
      if (o.processing === 'replay') {
        say("stopping crest serve; the flow's events go to the workers at the pace they were written, with the machine to themselves…")
        await crest.stop()
        await startWorkers()
        const replayMeter = startCpuMeter(
          workerProcs.map((p) => p.pid as number),
          environment.databaseName,
        )
        const replay = await replayOutbox(env.DATABASE_URL as string, say, o.replaySpeed)
        const r = await measureReplayedProcessing(env.DATABASE_URL as string, replay)
        const cpu = replayMeter()
        say(
          `  order processing at ${o.replaySpeed === 1 ? "the flow's pace" : `${o.replaySpeed}× the flow's pace`} (${r.offeredOrdersPerSecond} orders/s offered): ${r.events} events handled, ${r.eventsPerSecond}/s; released → parcel booked p50/p99 ${r.lag.p50}/${r.lag.p99} ms (max ${r.lag.max}) over ${r.orders} orders; caught up ${r.caughtUpAfterReplayMs} ms after the replay; ${r.waiting} still waiting`,
        )
        if (cpu)
          say(
            `  CPU % of one core while processing: workers ${cpu.server}, postgres ${cpu.postgres}, redis ${cpu.redis}, other ${cpu.other}`,
          )
      }
      api.close()
      buyersApi.close()
      await cleanup()
      say(o.cpuProf ? `CPU profile in ${profileDir}` : 'done')
      return 0
    }
    say(`flash sale with the gate: ${o.buyers} buyers for ${o.units} units…`)
    const gated = await runFlashSale(api, {
      buyersApi,
      gate: true,
      buyers: o.buyers,
      units: o.units,
      arrivalRate: o.arrivalRate,
      variantId: flashVariants[0] as string,
      shippingOptionId,
      auth,
      dbActivity,
      servePort: crestPort,
      say,
    })
    say(`  ${gated.orders} orders, sold out after ${gated.soldOutAfterMs} ms, sold-out answers p99 ${gated.soldOut.p99} ms`)
    let ungated: Awaited<ReturnType<typeof runFlashSale>> | undefined
    if (o.compare) {
      say('the same flash sale without the gate (to count the database writes the gate avoids)…')
      ungated = await runFlashSale(api, {
        buyersApi,
        gate: false,
        buyers: o.buyers,
        units: o.units,
        arrivalRate: o.arrivalRate,
        variantId: flashVariants[1] as string,
        shippingOptionId,
        auth,
        dbActivity,
        servePort: crestPort,
        say,
      })
      say(`  ${ungated.orders} orders, sold out after ${ungated.soldOutAfterMs} ms, sold-out answers p99 ${ungated.soldOut.p99} ms`)
    }
    const loadAfter = loadavg()

    say('reading the sandbox gateway ledger…')
    const ledger = (await (await fetch(`${sandbox.url}/v1/ledger`)).json()) as { entries: { type: string; reference: string }[] }
    const auths = new Map<string, number>()
    for (const e of ledger.entries) if (e.type === 'authorization') auths.set(e.reference, (auths.get(e.reference) ?? 0) + 1)
    const doubleAuthorised = [...auths.values()].filter((n) => n > 1).length
    api.close()
    buyersApi.close()
    const serveOutput = crest.output().trim()
    await cleanup()

    const report = {
      suite: 'selling',
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
      checkoutFlow: { ...flow, cpu: flowCpu },
      processing,
      flashSale: gated,
      flashSaleWithoutGate: ungated ?? null,
      ledger: { authorizations: auths.size, ordersAuthorisedTwice: doubleAuthorised },
    }
    const dir = new URL('../results/', import.meta.url)
    mkdirSync(dir, { recursive: true })
    const file = new URL(`selling-${startedAt.replace(/[:.]/g, '-')}.json`, dir)
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
    console.log('')
    for (const l of sellingSummary(report)) console.log(l)
    if (serveOutput) console.log(`\ncrest serve said (LOG_LEVEL=warn):\n${serveOutput.slice(-3000)}`)
    console.log(`\nFull results: ${file.pathname}`)
    return 0
  } catch (e) {
    say(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
    await cleanup()
    return 1
  }
}
