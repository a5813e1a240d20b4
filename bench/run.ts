// `npm run bench`: Crest's store API under load, next to a bare Fastify hello-world measured in the
// same run. See docs/benchmarks.md for the method and the latest results.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadavg } from 'node:os'
import { sampleCatalog } from './catalog-sample.ts'
import { type BenchEnvironment, createBenchEnvironment } from './environment.ts'
import { describeMachine, sourceState } from './machine.ts'
import { runScenario } from './measure.ts'
import { parseOptions, USAGE } from './options.ts'
import { CREST, freePort, killAllChildren, ROOT, RUN_TS, runCommand, type Server, startServer } from './processes.ts'
import {
  type BenchReport,
  machineLines,
  markdownTable,
  type ScenarioResult,
  type Target,
  targetLines,
  terminalTable,
  writeJson,
} from './report.ts'
import { buildScenarios, UNCACHED_CONNECTIONS } from './scenarios.ts'
import { runSellingBench } from './selling/run-selling.ts'

const t0 = Date.now()
const say = (line: string) => {
  const s = Math.round((Date.now() - t0) / 1000)
  console.log(`[bench ${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${line}`)
}

const judgeTargets = (results: readonly ScenarioResult[], engine: string, products: number): Target[] => {
  const detail = results.find((r) => r.name === 'product-detail')
  const search = results.find((r) => r.name === 'search-uncached')
  const targets: Target[] = []
  const detailName = 'cached product-detail JSON ≥ 50% of the hello-world baseline req/s (same run)'
  if (detail?.measurement && detail.ratio !== undefined) {
    const bad = detail.measurement.errors + detail.measurement.non2xx
    targets.push({
      name: detailName,
      met: detail.ratio >= 0.5 && bad === 0,
      detail: `${(detail.ratio * 100).toFixed(1)}% (${Math.round(detail.measurement.reqPerSec)} req/s)${bad ? `, ${bad} failed requests` : ''}`,
    })
  } else targets.push({ name: detailName, met: null, detail: 'not measured in this run' })
  const searchName = `uncached search p99 < 50 ms at ${UNCACHED_CONNECTIONS} clients, 2,000 products, PostgreSQL`
  if (search?.measurement) {
    const p99 = search.measurement.latency.p99
    const applies = engine === 'postgres' && products === 2000
    const repeats = Number(search.extra?.repeats ?? 0)
    targets.push({
      name: searchName,
      met: applies ? p99 < 50 && repeats === 0 && search.measurement.non2xx + search.measurement.errors === 0 : null,
      detail: `p99 ${p99} ms, ${repeats} repeated queries${applies ? '' : ` (informational: the target is defined for PostgreSQL with 2,000 products; this run: ${engine}, ${products})`}`,
    })
  } else targets.push({ name: searchName, met: null, detail: 'not measured in this run' })
  return targets
}

const main = async (): Promise<number> => {
  let parsed: ReturnType<typeof parseOptions>
  try {
    parsed = parseOptions(process.argv.slice(2), process.env)
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (parsed === 'help') {
    console.log(USAGE)
    return 0
  }
  const o = parsed
  const startedAt = new Date().toISOString()
  let environment: BenchEnvironment | undefined
  const servers: Server[] = []
  let cleaning: Promise<void> | undefined
  const cleanup = () =>
    (cleaning ??= (async () => {
      await Promise.all(servers.map((s) => s.stop().catch(() => {})))
      await killAllChildren()
      await environment?.cleanup().catch((e) => say(`warning: cleanup failed: ${(e as Error).message}`))
    })())
  const onSignal = (signal: string) => {
    say(`${signal}: stopping the servers and removing the bench database…`)
    void cleanup().finally(() => process.exit(130))
  }
  process.once('SIGINT', () => onSignal('SIGINT'))
  process.once('SIGTERM', () => onSignal('SIGTERM'))

  try {
    say(
      `engine ${o.engine}, cache ${o.redis ? 'in-process + Redis' : 'in-process'}, ${o.products} products, ` +
        `${o.warmup} s warm-up + ${o.duration} s per scenario, ${o.connections} connections (search-uncached: ${UNCACHED_CONNECTIONS})`,
    )
    environment = await createBenchEnvironment(o, say)
    const env = environment.env
    const show = (line: string) => say(`  │ ${line}`)
    say('crest migrate…')
    await runCommand([CREST, 'migrate'], env, { timeoutMs: 180_000, onLine: show })
    say(`crest seed --products ${o.products}…`)
    await runCommand([CREST, 'seed', '--products', String(o.products)], env, { timeoutMs: 60 * 60_000, onLine: show })
    if (o.analyze) {
      say('ANALYZE (table statistics, as autovacuum would gather them after a bulk load)…')
      await environment.analyze()
    } else say('no ANALYZE (--no-analyze): tables keep whatever statistics the seed left')
    const engineVersion = await environment.engineVersion()
    const machine = describeMachine(engineVersion, environment.cacheTier)
    for (const l of machineLines(machine)) say(l)

    const [crestPort, helloPort] = [await freePort(), await freePort()]
    let nodeFlags: string[] = []
    let profileDir: string | undefined
    if (o.cpuProf) {
      profileDir = fileURLToPath(new URL(`./results/profiles/${startedAt.replace(/[:.]/g, '-')}/`, import.meta.url))
      mkdirSync(profileDir, { recursive: true })
      nodeFlags = ['--cpu-prof', '--cpu-prof-dir', profileDir]
    }
    say(`starting crest serve on 127.0.0.1:${crestPort}${o.cpuProf ? ' (with --cpu-prof)' : ''}…`)
    servers.push(
      await startServer(
        'crest serve',
        [CREST, 'serve'],
        { ...env, PORT: String(crestPort), HOST: '127.0.0.1' },
        { port: crestPort, readyPath: '/readyz', timeoutMs: 120_000, nodeFlags },
      ),
    )
    const crest = servers[0] as Server
    say(`starting the hello-world baseline on 127.0.0.1:${helloPort}…`)
    servers.push(
      await startServer(
        'hello-server',
        [RUN_TS, 'bench/hello-server.ts'],
        { ...process.env, PORT: String(helloPort), HOST: '127.0.0.1' },
        { port: helloPort, readyPath: '/', timeoutMs: 60_000 },
      ),
    )
    const hello = servers[1] as Server

    say('reading handles and titles from the store API…')
    const sample = await sampleCatalog(crest.url)
    say(`  ${sample.titles.length} products listed, ${sample.handles.length} handles kept`)

    const { first, last } = buildScenarios({
      helloUrl: hello.url,
      crestUrl: crest.url,
      sample,
      connections: o.connections,
      ...(environment.countRedisKeys && { countRedisKeys: environment.countRedisKeys }),
    })
    const plan = [...first, last].filter((s) => o.only.has(s.kind))
    const results: ScenarioResult[] = []
    const loadBefore = loadavg()
    for (const s of plan) {
      results.push(
        await runScenario(s, {
          warmup: o.warmup,
          duration: o.duration,
          retries: o.retries,
          quietWait: o.quietWait,
          say,
          serverPid: s.baseline ? hello.pid : crest.pid,
          database: environment.databaseName,
        }),
      )
    }
    const loadAfter = loadavg()

    const baselines = results.filter((r) => r.name.startsWith('hello') && r.measurement)
    const helloRates = baselines.map((r) => r.measurement?.reqPerSec ?? 0)
    const baseline = helloRates.length ? helloRates.reduce((a, b) => a + b, 0) / helloRates.length : null
    const drift = baseline && helloRates.length === 2 ? Math.abs((helloRates[0] as number) - (helloRates[1] as number)) / baseline : null
    for (const r of results) if (baseline && r.measurement) r.ratio = r.measurement.reqPerSec / baseline
    const targets = judgeTargets(results, o.engine, o.products)

    const crestOutput = crest.output().trim()
    await cleanup()
    const report: BenchReport = {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine,
      settings: {
        engine: o.engine,
        redis: o.redis,
        products: o.products,
        analyze: o.analyze,
        retries: o.retries,
        quietWait: o.quietWait,
        duration: o.duration,
        warmup: o.warmup,
        connections: o.connections,
        uncachedConnections: UNCACHED_CONNECTIONS,
        scenarios: [...o.only],
        database: environment.describe,
        ...(profileDir && { cpuProfileDir: profileDir }),
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAfter,
        source: sourceState(ROOT),
      },
      baselineReqPerSec: baseline,
      baselineDrift: drift,
      scenarios: results,
      targets,
    }
    const file = writeJson(report)

    console.log('')
    for (const l of machineLines(machine)) console.log(l)
    console.log(
      `Baseline: ${baseline ? `${Math.round(baseline).toLocaleString('en-US')} req/s (mean of ${baselines.length} hello-world runs)` : 'not measured'}` +
        `${drift !== null ? `; start→end drift ${(drift * 100).toFixed(0)}%${drift > 0.15 ? ' — a noisy machine: treat ratios with care, or run again' : ''}` : ''}`,
    )
    console.log('')
    console.log(terminalTable(results))
    console.log('')
    for (const l of targetLines(targets)) console.log(l)
    if (crestOutput) console.log(`\ncrest serve said (LOG_LEVEL=warn):\n${crestOutput.slice(-3000)}`)
    console.log(`\nMarkdown:\n\n${markdownTable(results)}\n`)
    console.log(`Full results: ${file}${profileDir ? `\nCPU profile(s): ${profileDir}` : ''}`)
    return 0
  } catch (e) {
    say(`failed: ${e instanceof Error ? e.message : String(e)}`)
    await cleanup()
    return 1
  }
}

/** `--suite catalog` (the default) or `--suite selling` (checkouts per second and the flash sale). */
const suiteOf = (argv: readonly string[]): string => {
  const i = argv.findIndex((a) => a === '--suite' || a.startsWith('--suite='))
  if (i < 0) return 'catalog'
  const a = argv[i] as string
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[i + 1] ?? '')
}

const suite = suiteOf(process.argv.slice(2))
if (suite === 'selling') process.exitCode = await runSellingBench(process.argv.slice(2))
else if (suite === 'catalog') process.exitCode = await main()
else {
  console.error(`--suite must be catalog or selling (got "${suite}")`)
  process.exitCode = 2
}
